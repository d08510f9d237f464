import { createHmac, generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { loadApiFromString } from '@rampart/openapi';
import { createCanary, parseIdentities, type ScanResult, scanTarget } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { api2JwtEmbeddedJwk } from '../src/checks/api2-jwt-embedded-jwk.js';
import { api2JwtKeyConfusion } from '../src/checks/api2-jwt-key-confusion.js';
import { api2JwtKeyUrlInjection } from '../src/checks/api2-jwt-key-url-injection.js';
import { api2JwtKidInjection } from '../src/checks/api2-jwt-kid-injection.js';
import { encodeSignedJwt } from '../src/jwt/encode-signed-jwt.js';
import { startTinyApi, type TinyApi } from './start-tiny-api.js';

// Tiny purpose-built APIs (not the bank) whose tokens are RS256 or ES256 and whose keys are published only
// through /.well-known/openid-configuration → jwks_uri on a non-standard path: the secure one must give no
// finding, and each careless verifier exactly the finding it deserves.

const CHECKS = [api2JwtKeyConfusion, api2JwtEmbeddedJwk, api2JwtKeyUrlInjection, api2JwtKidInjection];

const document = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'tiny RS256 API', version: '1' },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  security: [{ bearer: [] }],
  paths: {
    '/me': { get: { responses: { '200': { description: 'the caller' }, '401': { description: 'no' } } } },
  },
});

/** How the tiny API verifies: correctly, or with one classic mistake. */
type Verifier = 'secure' | 'pem-without-newline-as-hmac' | 'no-signature-check' | 'fetches-jku-then-refuses';

interface Started {
  readonly api: TinyApi;
  readonly token: string;
  /** Requests the API received, by path. */
  readonly hits: Map<string, number>;
}

const b64json = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>;

async function startApi(family: 'rsa' | 'ec', verifier: Verifier): Promise<Started> {
  const pair =
    family === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const alg = family === 'rsa' ? 'RS256' : 'ES256';
  const kid = 'key-2024';
  const hits = new Map<string, number>();
  const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const check = async (token: string): Promise<boolean> => {
    const [head, body, signature] = token.split('.') as [string, string, string];
    const header = b64json(head);
    if (verifier === 'no-signature-check') return true;
    const input = Buffer.from(`${head}.${body}`);
    const raw = Buffer.from(signature ?? '', 'base64url');
    if (verifier === 'pem-without-newline-as-hmac' && header['alg'] === 'HS256') {
      return createHmac('sha256', pem.trimEnd()).update(input).digest().equals(raw);
    }
    if (verifier === 'fetches-jku-then-refuses' && typeof header['jku'] === 'string') {
      await fetch(header['jku']).then((r) => r.text());
    }
    if (header['alg'] !== alg || header['kid'] !== kid) return false;
    const key: KeyObject | { key: KeyObject; dsaEncoding: 'ieee-p1363' } =
      family === 'ec' ? { key: pair.publicKey, dsaEncoding: 'ieee-p1363' } : pair.publicKey;
    return verify('sha256', input, key, raw);
  };
  const api = await startTinyApi((request, send) => {
    const path = request.path.split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/.well-known/openid-configuration') {
      return send(200, { issuer: 'http://issuer.example', jwks_uri: `${api.url}/oauth2/v1/keys` });
    }
    if (path === '/oauth2/v1/keys') {
      return send(200, { keys: [{ ...pair.publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' }] });
    }
    if (path !== '/me') return send(404, { error: 'not found' });
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined || token.split('.').length !== 3) return send(401, { error: 'login required' });
    check(token).then(
      (ok) => {
        if (!ok) return send(401, { error: 'invalid token' });
        const claims = b64json(token.split('.')[1]!);
        send(200, { id: 7, name: claims['sub'], plan: 'gold', email: 'alice@example.test' });
      },
      () => send(401, { error: 'invalid token' }),
    );
  });
  const token = encodeSignedJwt(
    { alg, typ: 'JWT', kid },
    { sub: 'alice', iss: 'http://issuer.example', exp: 4_000_000_000 },
    pair.privateKey,
  );
  return { api, token, hits };
}

async function scan(
  family: 'rsa' | 'ec',
  verifier: Verifier,
): Promise<{ result: ScanResult; hits: Map<string, number> }> {
  const { api, token, hits } = await startApi(family, verifier);
  const canary = await createCanary();
  try {
    const result = await scanTarget({
      model: await loadApiFromString(document, 'tiny-rs256.json'),
      target: api.url,
      identities: parseIdentities(
        `identities:\n  - { name: alice, role: customer, bearer: "${token}" }\npreflight: { method: GET, path: /me }\n`,
        'ids.yaml',
      ),
      options: { checks: CHECKS, canary, readOnly: true, requestsPerSecond: 1000 },
    });
    return { result, hits };
  } finally {
    await canary.close();
    await api.close();
  }
}

const summary = (result: ScanResult) =>
  result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.evidence?.oracle} ${f.location.path}`);

describe('JWT key and header attacks on tiny RS256/ES256 APIs', () => {
  it.each([['rsa'], ['ec']] as const)('a secure %s verifier: no finding, few requests', async (family) => {
    const { result, hits } = await scan(family, 'secure');
    expect(result.engineErrors).toEqual([]);
    expect(summary(result)).toEqual([]);
    // The key was found (through openid-configuration → jwks_uri) and tried, within a bounded budget.
    expect(hits.get('/oauth2/v1/keys')).toBe(1);
    const requests = Object.fromEntries(result.checks.map((c) => [c.id, c.requests]));
    console.log(`secure ${family} API, requests per check: ${JSON.stringify(requests)}`);
    expect(requests['api2-jwt-key-confusion']).toBeGreaterThanOrEqual(10);
    for (const run of result.checks) expect(run.requests, run.id).toBeLessThanOrEqual(40);
  });

  it('finds ES256 → HS256 confusion with the PEM minus its final newline, key found via jwks_uri', async () => {
    const { result } = await scan('ec', 'pem-without-newline-as-hmac');
    expect(result.engineErrors).toEqual([]);
    expect(summary(result)).toEqual([
      'api2-jwt-key-confusion critical key-confusion-forged-token-accepted /me',
    ]);
    expect(result.findings[0]!.message).toContain(
      'SPKI PEM without trailing newline of the published EC key "key-2024" from /oauth2/v1/keys',
    );
  });

  it('credits no key attack to an API that checks no signature at all (the wrong-signature control passes)', async () => {
    const { result } = await scan('rsa', 'no-signature-check');
    expect(result.engineErrors).toEqual([]);
    expect(summary(result)).toEqual([]);
  });

  it('reports a jku fetch recorded by the canary as high even when the token is refused', async () => {
    const { result } = await scan('rsa', 'fetches-jku-then-refuses');
    expect(result.engineErrors).toEqual([]);
    expect(summary(result)).toEqual(['api2-jwt-key-url-injection high key-url-fetched-by-canary /me']);
    expect(result.findings[0]!.confidence).toBe('firm');
  });
});
