const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** 6-bit value of each base64 and base64url character; -1 for any other code unit below 128. */
const SEXTETS: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  t[43] = 62; // +
  t[45] = 62; // -
  t[47] = 63; // /
  t[95] = 63; // _
  return t;
})();

/**
 * False only when `body` (unpadded, of one alphabet: standard or URL-safe) certainly decodes to less than 90%
 * printable bytes, counted on the fly without decoding into a buffer; true when it may not, or when the body is
 * not of that simple form (the caller then decodes with `Buffer` and counts exactly). Ids, hashes and binary
 * tokens, most of what reaches here, are settled without an allocation.
 */
function isMostlyPrintable(body: string): boolean {
  let standard = false;
  let urlSafe = false;
  let acc = 0;
  let bits = 0;
  let total = 0;
  let printable = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? (SEXTETS[c] as number) : -1;
    if (v < 0) return true;
    if (c === 43 || c === 47) standard = true;
    else if (c === 45 || c === 95) urlSafe = true;
    acc = ((acc << 6) | v) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (acc >> bits) & 0xff;
      total++;
      if ((byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d) printable++;
    }
  }
  if (standard && urlSafe) return true;
  return total === 0 || printable / total >= 0.9;
}

/**
 * Decodes `text` as base64 (standard or URL-safe, padding optional) when it looks like base64 and decodes to
 * mostly printable text (at least 90% printable ASCII or whitespace). Returns `undefined` otherwise, so binary
 * payloads such as images are not inspected as text. A `data:…;base64,` prefix is skipped.
 */
export function decodeBase64(text: string, minLength = 12): string | undefined {
  let body = text.trim();
  if (body.startsWith('data:')) {
    const comma = body.indexOf(',');
    if (comma < 0 || !body.slice(0, comma).endsWith(';base64')) return undefined;
    body = body.slice(comma + 1);
  }
  if (body.length < minLength || body.length % 4 === 1 || !BASE64.test(body)) return undefined;
  // Pure hex or pure digits are far more often ids and hashes than base64.
  if (/^[0-9a-fA-F]+$/.test(body)) return undefined;
  if (!isMostlyPrintable(body)) return undefined;
  const bytes = Buffer.from(body, body.includes('-') || body.includes('_') ? 'base64url' : 'base64');
  if (bytes.length === 0) return undefined;
  let printable = 0;
  for (const byte of bytes) {
    if ((byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d) printable++;
  }
  if (printable / bytes.length < 0.9) return undefined;
  return bytes.toString('latin1');
}
