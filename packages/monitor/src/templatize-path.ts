/** A path with its variable-looking segments replaced by named placeholders. */
export interface TemplatizedPath {
  /** `/accounts/{id}/transactions` */
  readonly template: string;
  /** The replaced segments by placeholder name, e.g. `{ id: '1042' }`. */
  readonly params: Readonly<Record<string, string>>;
}

const DIGITS = /^\d{1,24}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^(?=.*\d)[0-9a-f]{16,}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^@/\s]+@[^@/\s]+\.[a-z]{2,}$/i;
/** Letters and at least three digits (`ACC000123`, `ord_8f3k2j9`): an identifier, not a word. */
const CODE = /^(?=(?:[^0-9]*[0-9]){3})[A-Za-z0-9_-]{6,64}$/;
const TOKEN = /^[A-Za-z0-9_-]{24,}$/;

/**
 * Replaces path segments that look like object ids (numbers, UUIDs, hex hashes, dates, emails, codes mixing
 * letters and digits, long tokens) with `{id}`, `{uuid}`, `{hash}`, `{date}`, `{email}`, `{code}`, `{token}`, so
 * per-endpoint state is kept per template rather than per object when an event carries no route and no
 * description matched. Repeated names get a number (`{id}`, `{id2}`).
 */
export function templatizePath(path: string): TemplatizedPath {
  const segments = path.split('/');
  let params: Record<string, string> | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.length === 0) continue;
    const kind = classifySegment(segment);
    if (kind === undefined) continue;
    params ??= {};
    let name = kind;
    for (let n = 2; Object.hasOwn(params, name); n++) name = `${kind}${n}`;
    params[name] = segment;
    segments[i] = `{${name}}`;
  }
  return params === undefined ? { template: path, params: EMPTY } : { template: segments.join('/'), params };
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

function classifySegment(segment: string): string | undefined {
  const first = segment.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    if (DIGITS.test(segment)) return 'id';
    if (DATE.test(segment)) return 'date';
  }
  if (UUID.test(segment)) return 'uuid';
  if (HEX.test(segment)) return 'hash';
  if (segment.includes('@') && EMAIL.test(segment)) return 'email';
  if (CODE.test(segment)) return 'code';
  if (TOKEN.test(segment) && /[A-Z]/.test(segment) && /[a-z]/.test(segment)) return 'token';
  return undefined;
}
