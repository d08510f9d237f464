type Obj = Readonly<Record<string, unknown>>;

/**
 * Typed access to one object of a policy's configuration that reports every problem (with its path, the value
 * and what was expected) instead of throwing, so a policy's `compile` can check all of its configuration in one
 * pass and the gateway lists every problem at once.
 */
export interface ConfigReader {
  /** The object read (`{}` when the value was absent or not an object). */
  readonly value: Obj;
  /** Path of this object relative to `policies.<id>` ('' for the root). */
  readonly path: string;
  /** Reports keys that are not in `known`, with a did-you-mean. */
  known(keys: readonly string[]): void;
  /** Reports a problem at `key` of this object. */
  problem(key: string, message: string): void;
  has(key: string): boolean;
  /** A non-empty string; `fallback` when absent (a problem when absent and `fallback` is undefined and required). */
  string(key: string, options?: { readonly required?: boolean }): string | undefined;
  int(key: string, fallback: number, min: number, max: number): number;
  bool(key: string, fallback: boolean): boolean;
  oneOf<T extends string>(key: string, values: readonly T[], fallback: T): T;
  /** A list of non-empty strings (a single string is accepted as a list of one when `single` is set). */
  strings(
    key: string,
    options?: { readonly single?: boolean; readonly required?: boolean },
  ): string[] | undefined;
  /** A nested object, or undefined when absent (a problem when present but not an object). */
  object(key: string, options?: { readonly required?: boolean }): ConfigReader | undefined;
  /** A list of objects, each as a reader; undefined when absent. */
  list(key: string, options?: { readonly required?: boolean }): ConfigReader[] | undefined;
}

/** Creates a `ConfigReader` over `value` at `path`, reporting to `problem(path, message)`. */
export function createConfigReader(
  value: unknown,
  path: string,
  problem: (path: string, message: string) => void,
): ConfigReader {
  const obj: Obj = isObject(value) ? value : {};
  if (value !== undefined && !isObject(value)) problem(path, `must be an object, got ${show(value)}`);
  const at = (key: string): string => (path === '' ? key : key === '' ? path : `${path}.${key}`);
  const report = (key: string, message: string): void => problem(at(key), message);

  const reader: ConfigReader = {
    value: obj,
    path,
    known(keys) {
      for (const key of Object.keys(obj)) {
        if (keys.includes(key)) continue;
        const near = keys.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
        report(
          key,
          `is not a known option (${near ? `did you mean "${near}"?` : `known: ${keys.join(', ')}`})`,
        );
      }
    },
    problem: report,
    has: (key) => obj[key] !== undefined,
    string(key, options) {
      const v = obj[key];
      if (v === undefined) {
        if (options?.required) report(key, 'is required (a non-empty string)');
        return undefined;
      }
      if (typeof v !== 'string' || v === '') {
        report(key, `must be a non-empty string, got ${show(v)}`);
        return undefined;
      }
      return v;
    },
    int(key, fallback, min, max) {
      const v = obj[key];
      if (v === undefined) return fallback;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
        report(key, `must be an integer from ${min} to ${max}, got ${show(v)}`);
        return fallback;
      }
      return v;
    },
    bool(key, fallback) {
      const v = obj[key];
      if (v === undefined) return fallback;
      if (typeof v !== 'boolean') {
        report(key, `must be true or false, got ${show(v)}`);
        return fallback;
      }
      return v;
    },
    oneOf(key, values, fallback) {
      const v = obj[key];
      if (v === undefined) return fallback;
      if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
        report(key, `must be one of ${values.map((x) => `"${x}"`).join(', ')}, got ${show(v)}`);
        return fallback;
      }
      return v as (typeof values)[number];
    },
    strings(key, options) {
      const v = obj[key];
      if (v === undefined) {
        if (options?.required) report(key, 'is required (a list of strings)');
        return undefined;
      }
      if (options?.single && typeof v === 'string' && v !== '') return [v];
      if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) {
        report(key, `must be a list of non-empty strings, got ${show(v)}`);
        return undefined;
      }
      return v as string[];
    },
    object(key, options) {
      const v = obj[key];
      if (v === undefined) {
        if (options?.required) report(key, 'is required (an object)');
        return undefined;
      }
      if (!isObject(v)) {
        report(key, `must be an object, got ${show(v)}`);
        return undefined;
      }
      return createConfigReader(v, at(key), problem);
    },
    list(key, options) {
      const v = obj[key];
      if (v === undefined) {
        if (options?.required) report(key, 'is required (a list)');
        return undefined;
      }
      if (!Array.isArray(v)) {
        report(key, `must be a list, got ${show(v)}`);
        return undefined;
      }
      const out: ConfigReader[] = [];
      v.forEach((item: unknown, i: number) => {
        const itemPath = `${at(key)}[${i}]`;
        if (!isObject(item)) problem(itemPath, `must be an object, got ${show(item)}`);
        else out.push(createConfigReader(item, itemPath, problem));
      });
      return out;
    },
  };
  return reader;
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A configuration value for a message, shortened. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return row[b.length] as number;
}
