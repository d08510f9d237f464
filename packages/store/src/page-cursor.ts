import { RampartError } from '@rampart/core';

/** Encodes the sort key of a page's last row as an opaque cursor. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` whose key has the given shape (`'n'` number, `'s'` string).
 * Throws `RAMPART_ERR_STORE_QUERY` when it is not one.
 */
export function decodeCursor(cursor: string, shape: readonly ('n' | 's')[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const ok =
    Array.isArray(key) &&
    key.length === shape.length &&
    key.every((v, i) => (shape[i] === 'n' ? Number.isFinite(v) : typeof v === 'string'));
  if (!ok) {
    throw new RampartError(
      'RAMPART_ERR_STORE_QUERY',
      `pagination cursor ${JSON.stringify(cursor.slice(0, 64))} is not one this query returned`,
      { hint: 'pass back the nextCursor of the previous page unchanged, or omit cursor for the first page' },
    );
  }
  return key as (string | number)[];
}
