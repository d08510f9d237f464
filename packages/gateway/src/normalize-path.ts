/** The result of normalizing a request target: the canonical path and the raw query, or why it was refused. */
export type NormalizedTarget =
  | { readonly ok: true; readonly path: string; readonly query: string }
  | { readonly ok: false; readonly reason: string };

export interface NormalizePathOptions {
  /** Lower-case the path (ASCII letters only), for upstreams that route case-insensitively. */
  readonly caseInsensitive?: boolean;
}

const HEX = '0123456789ABCDEF';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns a request target into the one canonical path that is routed, authorized and forwarded, so that no
 * spelling of a path reaches the upstream as something a policy did not see (OWASP API5/API8, CWE-22, CWE-41):
 *
 * - origin-form only (`/a/b?q`); absolute-form (`http://h/a`) is reduced to its path; anything else is refused;
 * - percent-encoded unreserved characters (RFC 3986 §2.3) are decoded (`%61` → `a`, `%2e` → `.`), other escapes
 *   keep their byte and are written with upper-case hex, raw characters outside `pchar` are encoded;
 * - encoded `/` (`%2f`), `\` (raw or `%5c`), NUL, control characters, fragments, malformed escapes and escapes
 *   that are not UTF-8 are refused: upstreams disagree on what they mean;
 * - `;params` are removed from every segment (`/admin;x=1`, `..;/`), empty segments collapse (`//`), and `.`
 *   and `..` are resolved (RFC 3986 §5.2.4); `..` above the root is refused;
 * - optionally, ASCII letters are lower-cased.
 *
 * The query is returned as received. Never throws; normalizing a normalized path returns it unchanged.
 */
export function normalizePath(target: string, options: NormalizePathOptions = {}): NormalizedTarget {
  return normalize(target, options.caseInsensitive === true, true);
}

/**
 * `normalizePath` without its fast path for paths that are already canonical: the reference the fast path is
 * tested against. Internal (not exported by the package).
 */
export function normalizePathSlowly(target: string, options: NormalizePathOptions = {}): NormalizedTarget {
  return normalize(target, options.caseInsensitive === true, false);
}

function normalize(target: string, fold: boolean, fast: boolean): NormalizedTarget {
  let start = 0;
  if (target.charCodeAt(0) !== 0x2f) {
    const scheme = /^https?:\/\//i.exec(target);
    if (!scheme) return { ok: false, reason: 'request target is not in origin-form' };
    const slash = target.indexOf('/', scheme[0].length);
    const question = target.indexOf('?', scheme[0].length);
    if (slash < 0 || (question >= 0 && question < slash)) {
      return question < 0 ? { ok: true, path: '/', query: '' } : checkQuery('/', target.slice(question + 1));
    }
    start = slash;
  }
  const question = target.indexOf('?', start);
  const end = question < 0 ? target.length : question;
  const query = question < 0 ? '' : target.slice(question + 1);
  // Most real paths are canonical already: nothing to decode, encode, fold or resolve.
  if (fast && isCanonical(target, start, end, fold))
    return checkQuery(start === 0 && end === target.length ? target : target.slice(start, end), query);

  const segments: string[] = [];
  let segment = '';
  let inParams = false;
  let highBytes: number[] | undefined;
  const flushHighBytes = (): boolean => {
    if (!highBytes) return true;
    try {
      utf8.decode(Uint8Array.from(highBytes));
    } catch {
      return false;
    }
    highBytes = undefined;
    return true;
  };

  for (let i = start + 1; i <= end; i++) {
    if (i === end) {
      segments.push(segment);
      break;
    }
    const c = target.charCodeAt(i);
    if (c === 0x25 /* % */) {
      const byte = hexByte(target.charCodeAt(i + 1), target.charCodeAt(i + 2));
      if (byte < 0 || i + 2 >= end) return { ok: false, reason: 'malformed percent-encoding in path' };
      i += 2;
      if (byte === 0x2f || byte === 0x5c) return { ok: false, reason: 'encoded "/" or "\\" in path' };
      if (byte < 0x20 || byte === 0x7f) return { ok: false, reason: 'encoded control character in path' };
      if (byte >= 0x80) {
        if (!inParams) {
          highBytes ??= [];
          highBytes.push(byte);
          segment += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
        }
        continue;
      }
      if (!flushHighBytes()) return { ok: false, reason: 'percent-encoded bytes in path are not UTF-8' };
      if (inParams) continue;
      segment += isUnreserved(byte)
        ? String.fromCharCode(fold ? lower(byte) : byte)
        : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
      continue;
    }
    if (!flushHighBytes()) return { ok: false, reason: 'percent-encoded bytes in path are not UTF-8' };
    if (c === 0x2f /* / */) {
      segments.push(segment);
      segment = '';
      inParams = false;
      continue;
    }
    if (c === 0x5c) return { ok: false, reason: '"\\" in path' };
    if (c < 0x21 || c === 0x7f) return { ok: false, reason: 'control character or space in path' };
    if (c === 0x23) return { ok: false, reason: 'fragment in request target' };
    if (inParams) continue;
    if (c === 0x3b /* ; */) {
      inParams = true;
      continue;
    }
    if (c > 0x7e) {
      // Raw non-ASCII (Node's parser normally refuses it first): keep the byte, encoded. Request targets are
      // bytes, which Node hands over as Latin-1; anything above 0xff did not come off the wire.
      if (c > 0xff) return { ok: false, reason: 'non-Latin-1 character in request target' };
      const byte = c;
      highBytes ??= [];
      highBytes.push(byte);
      segment += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
      continue;
    }
    segment += isPchar(c) ? String.fromCharCode(fold ? lower(c) : c) : `%${HEX[c >> 4]}${HEX[c & 15]}`;
  }
  if (!flushHighBytes()) return { ok: false, reason: 'percent-encoded bytes in path are not UTF-8' };

  const out: string[] = [];
  let trailingSlash = false;
  for (const s of segments) {
    trailingSlash = s === '' || s === '.' || s === '..';
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (out.length === 0) return { ok: false, reason: 'path traverses above the root' };
      out.pop();
      continue;
    }
    out.push(s);
  }
  const path = out.length === 0 ? '/' : `/${out.join('/')}${trailingSlash ? '/' : ''}`;
  return checkQuery(path, query);
}

function checkQuery(path: string, query: string): NormalizedTarget {
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i);
    if (c === 0x23) return { ok: false, reason: 'fragment in request target' };
    if (c < 0x20 || c === 0x7f) return { ok: false, reason: 'control character in query' };
  }
  return { ok: true, path, query };
}

/**
 * True when normalizing `target[start, end)` (which starts with `/`) would return it unchanged: only `pchar`s
 * kept as they are (no `%`, `;`, `\\`, controls or non-ASCII; no upper-case letters when folding), no empty
 * segment but a trailing one, no `.` or `..` segment.
 */
function isCanonical(target: string, start: number, end: number, fold: boolean): boolean {
  let segmentStart = start + 1;
  for (let i = start + 1; i <= end; i++) {
    const c = i === end ? 0x2f : target.charCodeAt(i);
    if (c === 0x2f) {
      const length = i - segmentStart;
      if (length === 0) {
        if (i !== end) return false;
      } else if (
        target.charCodeAt(segmentStart) === 0x2e &&
        (length === 1 || (length === 2 && target.charCodeAt(segmentStart + 1) === 0x2e))
      )
        return false;
      segmentStart = i + 1;
      continue;
    }
    if (!isPchar(c) || (fold && c >= 0x41 && c <= 0x5a)) return false;
  }
  return true;
}

function hexByte(a: number, b: number): number {
  const h = hexValue(a);
  const l = hexValue(b);
  return h < 0 || l < 0 ? -1 : (h << 4) | l;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/** RFC 3986 §2.3: ALPHA / DIGIT / "-" / "." / "_" / "~". */
function isUnreserved(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2d ||
    c === 0x2e ||
    c === 0x5f ||
    c === 0x7e
  );
}

/** RFC 3986 §3.3 pchar, less `;` (handled as a parameter delimiter) and `%` (handled as an escape). */
function isPchar(c: number): boolean {
  if (isUnreserved(c)) return true;
  // sub-delims ! $ & ' ( ) * + , =  and  : @
  return (
    c === 0x21 ||
    c === 0x24 ||
    c === 0x26 ||
    c === 0x27 ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x2a ||
    c === 0x2b ||
    c === 0x2c ||
    c === 0x3d ||
    c === 0x3a ||
    c === 0x40
  );
}
