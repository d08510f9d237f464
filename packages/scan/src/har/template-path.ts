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
/** A file name: a stem and a short extension (`referral-letter.pdf`, `2024-01.csv`). */
const FILE_NAME = /^[\w][\w.() -]{0,200}\.[A-Za-z0-9]{2,5}$/;
/** Collections whose members are files, named by their file names. */
const FILE_COLLECTION =
  /^(files?|documents?|docs|attachments?|downloads?|uploads?|images?|media|photos?|reports?|exports?|statements?|invoices?|receipts?|letters?|scans?|assets?)$/i;

/** What kind of value a segment is, or undefined for a literal segment. */
function variableKind(segment: string): LearnedPathParameter['type'] | 'uuid' | undefined {
  if (INTEGER.test(segment)) return 'integer';
  if (UUID.test(segment)) return 'uuid';
  if (HASH.test(segment) || TOKEN.test(segment)) return 'string';
  return undefined;
}

/**
 * True when `segment` is a file named inside a collection: the last segment, a file name, right after a literal
 * collection that either holds files by name (`/documents/x.pdf`) or belongs to an object
 * (`/patients/{id}/letters/x.pdf`). `/openapi.json` or `/v1/export.csv` stay literal.
 */
function isFileMember(segments: readonly string[], index: number): boolean {
  if (index !== segments.length - 1 || index < 2) return false;
  const segment = segments[index]!;
  const collection = segments[index - 1]!;
  if (!FILE_NAME.test(segment) || collection === '' || variableKind(collection) !== undefined) return false;
  return FILE_COLLECTION.test(collection) || variableKind(segments[index - 2]!) !== undefined;
}

/**
 * Turns an observed path into a template: numeric, UUID, hex-hash and opaque-token segments become
 * parameters named after the collection before them (`/accounts/1002` → `/accounts/{accountId}`,
 * `/users/7/orders/9` → `/users/{userId}/orders/{orderId}`), `id` when there is none, numbered when a name
 * repeats. Names follow the `<resource>Id` convention so the scanner's producer-consumer inference links them
 * to the `id` fields of the collection's responses. A file name ending the path inside a collection of files
 * or of an object (`/patients/{patientId}/documents/letter.pdf`) becomes `{fileName}`, which the `file_name`
 * fields of the listing feed. Other literal segments are kept as they were seen.
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
    const file = isFileMember(segments, index);
    const kind = file ? 'string' : variableKind(segment);
    if (kind === undefined) return raw;
    const previous = segments
      .slice(0, index)
      .reverse()
      .find((s) => s !== '' && variableKind(s) === undefined);
    const stem = previous ? singularize(previous.replace(/[^A-Za-z0-9]/g, '')) : '';
    const base = file ? 'fileName' : stem === '' ? 'id' : `${stem}Id`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}${n}`;
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
