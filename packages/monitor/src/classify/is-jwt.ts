/** Header and payload are base64url JSON objects (`eyJ` is `{"`); the signature may be empty (`alg: none`). */
const JWS = /^eyJ[A-Za-z0-9_-]{2,}={0,2}\.eyJ[A-Za-z0-9_-]*={0,2}\.[A-Za-z0-9_-]*={0,2}$/;

/**
 * True when `value` is a JSON Web Token in compact serialization (RFC 7519, RFC 7515 §7.1): three base64url
 * parts whose header decodes to a JSON object with an `alg` string and whose payload decodes to a JSON object.
 */
export function isJwt(value: string): boolean {
  if (value.length < 20 || value.length > 16_384 || !JWS.test(value)) return false;
  const dot = value.indexOf('.');
  const header = decodeJsonObject(value.slice(0, dot));
  if (header === undefined || typeof header.alg !== 'string') return false;
  return decodeJsonObject(value.slice(dot + 1, value.indexOf('.', dot + 1))) !== undefined;
}

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
