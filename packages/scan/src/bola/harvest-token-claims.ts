import { normalizeFieldName } from '../explore/name-resource.js';
import type { PooledValue } from '../explore/value-pool.js';
import { decodeJwt } from '../jwt/decode-jwt.js';

/** Claims that name the token's user, by the pool key they fill. */
const CLAIMS: Readonly<Record<string, string>> = {
  sub: 'userid',
  userid: 'userid',
  uid: 'userid',
  id: 'userid',
  username: 'username',
  preferredusername: 'username',
  login: 'username',
  email: 'email',
};

/**
 * The user's own identifiers in a JWT's payload (decoded, never verified): `sub`, `user_id`, `uid` and `id` as
 * `userid`; `username`, `preferred_username` and `login` as `username`; `email`; all of resource `user`, so that
 * `/users/{userId}`, `/users/{username}` and `/users/{email}` can be tested without any create operation.
 * Numeric strings become numbers (`"42"` → 42). Empty for anything that is not a JWT.
 */
export function harvestTokenClaims(token: string, identity: string): PooledValue[] {
  const payload = decodeJwt(token)?.payload;
  if (payload === undefined) return [];
  const out: PooledValue[] = [];
  for (const [claim, value] of Object.entries(payload)) {
    const key = CLAIMS[normalizeFieldName(claim)];
    if (key === undefined || (typeof value !== 'string' && typeof value !== 'number') || value === '')
      continue;
    const id = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
    out.push({ key, value: id, identity, resource: 'user', source: `jwt ${claim}` });
  }
  return out;
}
