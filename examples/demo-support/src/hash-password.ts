import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// A small scrypt cost keeps start-up and the test suite fast; this is a demo, not a credential store.
const COST = 4096;

/** Hashes a password as `scrypt$<N>$<salt b64>$<hash b64>`. */
export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password, salt, 32, { N: COST });
  return `scrypt$${COST}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a password against a hash made by {@link hashPassword}. */
export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, cost, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || cost === undefined || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(cost) });
  return timingSafeEqual(actual, expected);
}
