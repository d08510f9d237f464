const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

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
  const bytes = Buffer.from(body, body.includes('-') || body.includes('_') ? 'base64url' : 'base64');
  if (bytes.length === 0) return undefined;
  let printable = 0;
  for (const byte of bytes) {
    if ((byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d) printable++;
  }
  if (printable / bytes.length < 0.9) return undefined;
  return bytes.toString('latin1');
}
