/** Which flaws a demo instance has switched on. */
export interface FlawSwitchOptions {
  /** Switch every flaw off (the "secure" twin used to measure false positives). Wins over `enabled`. */
  readonly secure?: boolean;
  /** Flaw ids to switch off; every other flaw stays on. */
  readonly disabled?: readonly string[];
  /** When given, only these flaw ids are on (then `disabled` is applied on top). */
  readonly enabled?: readonly string[];
}

/**
 * Resolves switch options into the set of ids among `knownIds` (a demo's flaw ids) that are on. Unknown ids are
 * a programming mistake and throw a `TypeError` naming the id and the known ids, so a typo never silently
 * leaves a flaw on.
 */
export function resolveFlawSwitches(
  knownIds: readonly string[],
  options: FlawSwitchOptions = {},
): ReadonlySet<string> {
  const known = new Set(knownIds);
  for (const id of [...(options.disabled ?? []), ...(options.enabled ?? [])]) {
    if (!known.has(id)) {
      throw new TypeError(
        `flaw id "${id}" is unknown; use one of the ids in flaws.json (${knownIds.join(', ')})`,
      );
    }
  }
  if (options.secure === true) return new Set();
  const on = new Set(options.enabled ?? knownIds);
  for (const id of options.disabled ?? []) on.delete(id);
  return on;
}
