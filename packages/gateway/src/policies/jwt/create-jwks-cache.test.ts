import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, errors, jwtVerify, SignJWT } from 'jose';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJwksCache, type JwksCacheOptions, JwksUnavailableError } from './create-jwks-cache.js';

interface Key {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
}

function newKey(kid: string): Key {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' } };
}

const sign = (key: Key) =>
  new SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', kid: key.kid }).sign(key.privateKey);

let server: Server;
let url: URL;
let published: Key[] = [];
let up = true;
let fetches = 0;
const agent = new Agent();

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches++;
    if (!up) return void res.writeHead(503).end();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`);
});
afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let clock = 1_000_000;
const a = newKey('a');
const b = newKey('b');
beforeEach(() => {
  published = [a];
  up = true;
  fetches = 0;
  clock = 1_000_000;
});

function cache(overrides: Partial<JwksCacheOptions> = {}) {
  const warnings: string[] = [];
  const jwks = createJwksCache({
    url,
    maxAgeMs: 60_000,
    cooldownMs: 10_000,
    staleMaxAgeMs: 120_000,
    timeoutMs: 2000,
    dispatcher: () => agent,
    warn: (m) => warnings.push(m),
    now: () => clock,
    ...overrides,
  });
  const verify = async (token: string) =>
    (await jwtVerify(token, jwks.getKey, { algorithms: ['ES256'] })).payload;
  return { jwks, verify, warnings };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('createJwksCache', () => {
  it('fetches once and serves from the cache while fresh; concurrent cold callers share the fetch', async () => {
    const { verify } = cache();
    const token = await sign(a);
    await Promise.all([verify(token), verify(token), verify(token)]);
    clock += 59_000;
    await verify(token);
    expect(fetches).toBe(1);
  });

  it('refetches once on an unknown kid (rotation), then not again within the cooldown', async () => {
    const { verify } = cache();
    await verify(await sign(a));
    published = [a, b];
    clock += 10_000;
    expect((await verify(await sign(b))).sub).toBe('alice');
    expect(fetches).toBe(2);
    const stranger = newKey('unknown');
    await expect(verify(await sign(stranger))).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    await expect(verify(await sign(stranger))).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(fetches).toBe(2);
    clock += 10_000;
    await expect(verify(await sign(stranger))).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(fetches).toBe(3);
  });

  it('serves stale keys while refreshing in the background, and while the IdP is down for staleMaxAgeMs', async () => {
    const { verify, warnings } = cache();
    const token = await sign(a);
    await verify(token);
    up = false;
    clock += 61_000;
    await verify(token); // stale: served, background refresh fails
    await settle();
    expect(fetches).toBe(2);
    expect(warnings.join()).toMatch(/serving cached keys/);
    clock += 5_000;
    await verify(token); // within the cooldown: no new attempt
    expect(fetches).toBe(2);
    clock += 110_000; // 176 s after the fetch: still within maxAge + staleMaxAge (180 s)
    await verify(token);
    await settle();
    expect(fetches).toBe(3);
    clock += 5_000; // 181 s: beyond, the IdP still down: fail closed
    await expect(verify(token)).rejects.toBeInstanceOf(JwksUnavailableError);
    up = true;
    clock += 10_000;
    expect((await verify(token)).sub).toBe('alice');
  });

  it('fails closed on a cold cache with the IdP down, and fails fast during the cooldown', async () => {
    const { verify } = cache();
    up = false;
    const token = await sign(a);
    await expect(verify(token)).rejects.toBeInstanceOf(JwksUnavailableError);
    await expect(verify(token)).rejects.toBeInstanceOf(JwksUnavailableError);
    expect(fetches).toBe(1);
    up = true;
    clock += 10_000;
    expect((await verify(token)).sub).toBe('alice');
    expect(fetches).toBe(2);
  });

  it('picks up a rotated set after maxAge even without an unknown kid', async () => {
    const { verify } = cache();
    await verify(await sign(a));
    published = [b];
    clock += 61_000;
    await verify(await sign(a)); // served from the stale set, refresh in background
    await settle();
    await expect(verify(await sign(a))).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect((await verify(await sign(b))).sub).toBe('alice');
  });
});

describe('key type must fit the algorithm (jose)', () => {
  it('never uses an RSA public key as an HMAC secret, even if HS256 were allowed', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'rsa' };
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const forged = await new SignJWT({ sub: 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa' })
      .sign(new TextEncoder().encode(pem));
    await expect(
      jwtVerify(forged, createLocalJWKSet({ keys: [jwk] }), { algorithms: ['RS256', 'HS256'] }),
    ).rejects.toBeInstanceOf(errors.JOSENotSupported); // key sets never yield HMAC keys
    const rsaOnlyByType = createLocalJWKSet({ keys: [jwk] });
    const rsForged = await new SignJWT({ sub: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: 'rsa' })
      .sign(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    await expect(jwtVerify(rsForged, rsaOnlyByType, { algorithms: ['ES256'] })).rejects.toBeInstanceOf(
      errors.JWKSNoMatchingKey,
    );
  });
});
