import { describe, expect, it } from 'vitest';
import { harvestTokenClaims } from './harvest-token-claims.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (payload: unknown) => `${part({ alg: 'HS256' })}.${part(payload)}.c2ln`;

describe('harvestTokenClaims', () => {
  it('reads the user id, username and e-mail claims, unverified', () => {
    const claims = harvestTokenClaims(
      token({ sub: '42', user_id: 'u-9', preferred_username: 'alice', email: 'a@x.test', iat: 1, jti: 'j' }),
      'alice',
    );
    expect(claims.map((c) => [c.key, c.value, c.resource])).toEqual([
      ['userid', 42, 'user'],
      ['userid', 'u-9', 'user'],
      ['username', 'alice', 'user'],
      ['email', 'a@x.test', 'user'],
    ]);
    expect(claims.every((c) => c.identity === 'alice')).toBe(true);
  });

  it('gives nothing for opaque tokens', () => {
    expect(harvestTokenClaims('opaque-token', 'alice')).toEqual([]);
    expect(harvestTokenClaims('a.b.c', 'alice')).toEqual([]);
  });
});
