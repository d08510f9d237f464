/** A configuration value as a plain object, or undefined when it is anything else (absent, a list, a scalar). */
export function readObject(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : undefined;
}

/** A configuration value as a list, or an empty list when it is anything else. */
export function readList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The strings of a configuration list; other items are skipped. */
export function readStrings(value: unknown): readonly string[] {
  return readList(value).filter((item): item is string => typeof item === 'string');
}
