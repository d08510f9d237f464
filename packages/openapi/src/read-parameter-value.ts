import type { ParameterLocation } from './model.js';

/** What the parameter's schema expects at the top level, which decides how its string form is split. */
export type ParameterShape = 'primitive' | 'array' | 'object';

/** A compiled plan for turning a parameter's raw string(s) into the value its schema validates. */
export interface ParameterReader {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly shape: ParameterShape;
  readonly style: string;
  readonly explode: boolean;
  /** Property names of an object schema (for `form` + `explode`, where each property is its own query key). */
  readonly propertyNames: readonly string[];
  /** `content`-described parameters carry JSON text. */
  readonly json: boolean;
}

/** Raw request values for one location: all values of `name` ([] when absent). */
export type RawValues = (name: string) => readonly string[];

/** The result of reading a parameter: absent, a value to validate, or a problem with its serialization. */
export type ReadResult =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly value: unknown }
  | {
      readonly kind: 'invalid';
      readonly message: string;
    };

const ABSENT: ReadResult = { kind: 'absent' };
const DELIMITERS: Readonly<Record<string, string>> = { spaceDelimited: ' ', pipeDelimited: '|' };

/** The default style of a location (OpenAPI 3.x "Style Values"). */
export function defaultParameterStyle(location: ParameterLocation): string {
  return location === 'query' || location === 'cookie' ? 'form' : 'simple';
}

/**
 * Turns the raw string(s) of a parameter into the value its schema describes, following `style` and `explode`
 * (OpenAPI 3.x "Style Values"): arrays split on `,` (or space/pipe for those styles, `.` for exploded labels),
 * or taken from repeated query keys when exploded; objects from `k,v,k,v`, `k=v,k=v`, `name[k]=v` or one query
 * key per property. Scalars stay strings: the validator's type coercion turns them into numbers and booleans.
 * A scalar query parameter sent more than once is reported, not silently resolved (parameter pollution).
 */
export function readParameterValue(reader: ParameterReader, raw: RawValues): ReadResult {
  if (
    reader.shape === 'object' &&
    reader.in === 'query' &&
    (reader.style === 'deepObject' || reader.explode)
  ) {
    return readExplodedQueryObject(reader, raw);
  }
  const values = raw(reader.name);
  if (values.length === 0) return ABSENT;
  if (reader.json) {
    try {
      return { kind: 'value', value: JSON.parse(values[0]!) };
    } catch {
      return { kind: 'invalid', message: 'must be JSON text' };
    }
  }
  if (reader.shape === 'array' && reader.in === 'query' && reader.style === 'form' && reader.explode) {
    return { kind: 'value', value: [...values] };
  }
  if (values.length > 1 && reader.in !== 'header') {
    return { kind: 'invalid', message: `must appear once, got ${values.length} values` };
  }
  const text = reader.in === 'header' ? values.join(',') : values[0]!;
  const unprefixed = stripPrefix(reader, text);
  if (unprefixed === undefined)
    return { kind: 'invalid', message: `is not serialized as style "${reader.style}"` };
  if (reader.shape === 'primitive') return { kind: 'value', value: unprefixed };
  const delimiter = DELIMITERS[reader.style] ?? (reader.style === 'label' && reader.explode ? '.' : ',');
  const items = unprefixed === '' ? [] : unprefixed.split(delimiter);
  if (reader.shape === 'array') {
    if (reader.style === 'matrix' && reader.explode) {
      return {
        kind: 'value',
        value: text
          .split(';')
          .slice(1)
          .map((item) => item.slice(item.indexOf('=') + 1)),
      };
    }
    return { kind: 'value', value: items };
  }
  const object: Record<string, string> = {};
  if (reader.explode) {
    for (const item of items) {
      const eq = item.indexOf('=');
      if (eq === -1) return { kind: 'invalid', message: 'must be a list of key=value pairs' };
      defineValue(object, item.slice(0, eq), item.slice(eq + 1));
    }
  } else {
    if (items.length % 2 !== 0) return { kind: 'invalid', message: 'must be a list of key,value pairs' };
    for (let i = 0; i < items.length; i += 2) defineValue(object, items[i]!, items[i + 1]!);
  }
  return { kind: 'value', value: object };
}

function readExplodedQueryObject(reader: ParameterReader, raw: RawValues): ReadResult {
  const object: Record<string, unknown> = {};
  let found = false;
  if (reader.style === 'deepObject') {
    for (const name of reader.propertyNames) {
      const values = raw(`${reader.name}[${name}]`);
      if (values.length === 0) continue;
      found = true;
      defineValue(object, name, values.length === 1 ? values[0]! : [...values]);
    }
  } else {
    for (const name of reader.propertyNames) {
      const values = raw(name);
      if (values.length === 0) continue;
      found = true;
      defineValue(object, name, values.length === 1 ? values[0]! : [...values]);
    }
  }
  return found ? { kind: 'value', value: object } : ABSENT;
}

/** `label` values start with `.`, `matrix` values with `;name=` (or `;name` for an empty value). */
function stripPrefix(reader: ParameterReader, text: string): string | undefined {
  if (reader.style === 'label') return text.startsWith('.') ? text.slice(1) : undefined;
  if (reader.style !== 'matrix') return text;
  const prefix = `;${reader.name}`;
  if (!text.startsWith(prefix)) return undefined;
  const rest = text.slice(prefix.length);
  if (rest === '') return '';
  return rest.startsWith('=') ? rest.slice(1) : undefined;
}

function defineValue(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
