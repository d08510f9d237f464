import { singularize } from '../explore/name-resource.js';

/** A path parameter found in an observed path. */
export interface LearnedPathParameter {
  readonly name: string;
  /** The value seen in this path (decoded). */
  readonly value: string;
  readonly type: 'integer' | 'string';
  readonly format?: 'uuid';
}

/** An observed path as a template. */
export interface TemplatedPath {
  /** `/accounts/{accountId}/cards`. */
  readonly template: string;
  readonly parameters: readonly LearnedPathParameter[];
}

const INTEGER = /^\d+$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
/** Hex digests and object ids (MongoDB ids are 24 hex digits). */
const HASH = /^[0-9a-f]{16,}$/i;
/** Opaque tokens: long, mixing letters and digits (`a8Kx02...`), no spaces or dots. */
const TOKEN = /^(?=.*\d)(?=.*[a-z])[A-Za-z0-9_-]{20,}$/i;

/** What kind of value a segment is, or undefined for a literal segment. */
function variableKind(segment: string): LearnedPathParameter['type'] | 'uuid' | undefined {
  if (INTEGER.test(segment)) return 'integer';
  if (UUID.test(segment)) return 'uuid';
  if (HASH.test(segment) || TOKEN.test(segment)) return 'string';
  return undefined;
}

/**
 * Turns an observed path into a template: numeric, UUID, hex-hash and opaque-token segments become
 * parameters named after the collection before them (`/accounts/1002` → `/accounts/{accountId}`,
 * `/users/7/orders/9` → `/users/{userId}/orders/{orderId}`), `id` when there is none, numbered when a name
 * repeats. Names follow the `<resource>Id` convention so the scanner's producer-consumer inference links them
 * to the `id` fields of the collection's responses. Literal segments are kept as they were seen.
 */
export function templatePath(path: string): TemplatedPath {
  const segments = path.split('/');
  const parameters: LearnedPathParameter[] = [];
  const used = new Set<string>();
  const out = segments.map((raw, index) => {
    if (raw === '') return raw;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      segment = raw;
    }
    const kind = variableKind(segment);
    if (kind === undefined) return raw;
    const previous = segments
      .slice(0, index)
      .reverse()
      .find((s) => s !== '' && variableKind(s) === undefined);
    const stem = previous ? singularize(previous.replace(/[^A-Za-z0-9]/g, '')) : '';
    let name = stem === '' ? 'id' : `${stem}Id`;
    for (let n = 2; used.has(name); n++) name = `${stem === '' ? 'id' : `${stem}Id`}${n}`;
    used.add(name);
    parameters.push({
      name,
      value: segment,
      type: kind === 'integer' ? 'integer' : 'string',
      ...(kind === 'uuid' ? { format: 'uuid' as const } : {}),
    });
    return `{${name}}`;
  });
  return { template: out.join('/') || '/', parameters };
}
