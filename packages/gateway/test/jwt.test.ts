import { createHash, createHmac, generateKeyPairSync } from 'node:crypto';
import { loadApiFromString } from '@rampart/openapi';
import { decodeJwt, SignJWT } from 'jose';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type GatewayOptions } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { startOidcProvider, type TestOidcProvider } from './start-oidc-provider.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

const DESCRIPTION = `
openapi: 3.0.3
info: { title: JWT test, version: '1' }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer, bearerFormat: JWT }
    partnerKey: { type: apiKey, in: header, name: X-API-Key }
paths:
  /accounts/{id}:
    get:
      security: [{ bearer: ['accounts:read'] }]
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
  /either:
    get:
      security: [{ bearer: [] }, { partnerKey: [] }]
      responses: { '200': { description: ok } }
  /public:
    get:
      security: []
      responses: { '200': { description: ok } }
`;

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

let idp: TestOidcProvider;
let upstream: TestUpstream;
let events: EventCollector;
let model: Awaited<ReturnType<typeof loadApiFromString>>;
const gateways: Gateway[] = [];

async function start(
  jwt: Record<string, unknown> = {},
  issuer: Record<string, unknown> = {},
  policies: Record<string, unknown> = {},
) {
  const options: GatewayOptions = {
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    routing: { model },
    eventSink: events.sink,
    logger: { warn: () => undefined },
    policies: {
      jwt: {
        issuers: [
          {
            issuer: idp.issuer,
            audience: idp.jwtResource,
            algorithms: ['ES256', 'RS256'],
            jwksUri: idp.jwksUri,
            ...issuer,
          },
        ],
        ...jwt,
      },
      ...policies,
    },
  };
  const gateway = createGateway(options);
  gateways.push(gateway);
  return `http://127.0.0.1:${(await gateway.listen()).port}`;
}

async function call(base: string, path: string, token?: string) {
  const res = await request(`${base}${path}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, id: String(res.headers['x-request-id']) };
}

/** A token the provider's own key signs, with claims of our choosing (for the attacks and edge cases). */
async function forge(claims: Record<string, unknown>, options: { alg?: string; kid?: string } = {}) {
  const alg = options.alg ?? 'ES256';
  const pair = alg.startsWith('RS') ? idp.keys.rsa : idp.keys.ec;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub: 'mallory', scope: 'accounts:read', ...claims })
    .setProtectedHeader({ alg, kid: options.kid ?? pair.kid, typ: 'at+jwt' })
    .setIssuer((claims['iss'] as string) ?? idp.issuer)
    .setAudience((claims['aud'] as string) ?? idp.jwtResource)
    .setIssuedAt(now)
    .setExpirationTime((claims['exp'] as number) ?? now + 300)
    .sign(pair.privateKey);
}

beforeAll(async () => {
  [idp, upstream] = await Promise.all([startOidcProvider(), startUpstream()]);
  events = collectEvents();
  model = await loadApiFromString(DESCRIPTION, 'jwt.yaml');
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await Promise.all([idp.close(), upstream.close()]);
});

describe('jwt policy with a real OpenID provider', () => {
  let base: string;
  beforeAll(async () => {
    base = await start();
  });

  it('accepts a real client_credentials access token and puts the identity on the event', async () => {
    const token = await idp.token({ scope: 'accounts:read' });
    const res = await call(base, '/accounts/7', token);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).headers.authorization).toBe(`Bearer ${token}`);
    const event = await events.waitFor((e) => e.id === res.id);
    expect(event.auth).toBe('success');
    expect(event.identity).toEqual({
      subject: idp.clientId,
      method: 'jwt',
      roles: ['teller'],
      scopes: ['accounts:read'],
      tenant: 'acme',
      issuer: idp.issuer,
      credentialFingerprint: createHash('sha256').update(token).digest('hex').slice(0, 16),
    });
    expect(JSON.stringify(event)).not.toContain(token.split('.')[2]);
  });

  it('refuses a request without a token with 401, a Bearer challenge and a problem body', async () => {
    const res = await call(base, '/accounts/7');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toMatchObject({ status: 401, instance: `urn:uuid:${res.id}` });
    const event = await events.waitFor((e) => e.id === res.id);
    expect(event).toMatchObject({ verdict: 'deny', auth: 'missing', deniedBy: { policy: 'jwt' } });
  });

  it('leaves operations without a bearer requirement alone', async () => {
    expect((await call(base, '/public')).status).toBe(200);
    // Optional (another alternative exists): no token is not this policy's call (the authorize policy, on by
    // default with an authentication policy, refuses it for lack of any credential); an invalid token is.
    const none = await call(base, '/either');
    expect(none.status).toBe(401);
    expect((await events.waitFor((e) => e.id === none.id)).deniedBy?.policy).toBe('authorize');
    expect((await call(base, '/either', await forge({ aud: 'https://other.example' }))).status).toBe(401);
  });

  it.each(['none', 'None', 'NONE', 'nOnE'])('refuses an unsigned token with alg "%s"', async (alg) => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss: idp.issuer, aud: idp.jwtResource, sub: 'admin', exp: now + 300, iat: now };
    for (const token of [
      `${b64({ alg, typ: 'JWT' })}.${b64(payload)}.`,
      `${b64({ alg })}.${b64(payload)}.c2ln`,
    ]) {
      const res = await call(base, '/accounts/7', token);
      expect(res.status).toBe(401);
      const event = await events.waitFor((e) => e.id === res.id);
      expect(event.auth).toBe('invalid');
      expect(event.identity).toBeUndefined();
    }
  });

  it('refuses HS256 signed with the RSA public key (key confusion)', async () => {
    const pem = idp.keys.rsa.publicKey.export({ type: 'spki', format: 'pem' });
    const now = Math.floor(Date.now() / 1000);
    const input = `${b64({ alg: 'HS256', kid: idp.keys.rsa.kid, typ: 'JWT' })}.${b64({
      iss: idp.issuer,
      aud: idp.jwtResource,
      sub: 'admin',
      exp: now + 300,
    })}`;
    const signature = createHmac('sha256', pem).update(input).digest('base64url');
    const res = await call(base, '/accounts/7', `${input}.${signature}`);
    expect(res.status).toBe(401);
    expect((await events.waitFor((e) => e.id === res.id)).deniedBy?.reason).toMatch(
      /ERR_JOSE_ALG_NOT_ALLOWED/,
    );
  });

  it('accepts a token the provider key signs (control for the forged cases)', async () => {
    expect((await call(base, '/accounts/7', await forge({}))).status).toBe(200);
    expect((await call(base, '/accounts/7', await forge({}, { alg: 'RS256' }))).status).toBe(200);
  });

  it('refuses expired, not-yet-valid, wrong-audience, wrong-issuer and exp-less tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await call(base, '/accounts/7', await forge({ exp: now - 120 }));
    expect(expired.status).toBe(401);
    expect((await events.waitFor((e) => e.id === expired.id)).auth).toBe('expired');
    expect(JSON.parse(expired.text).detail).toBe('The access token expired.');
    // within the 30 s clock tolerance: still fine
    expect((await call(base, '/accounts/7', await forge({ exp: now - 5 }))).status).toBe(200);
    expect((await call(base, '/accounts/7', await forge({ nbf: now + 600 }))).status).toBe(401);
    expect((await call(base, '/accounts/7', await forge({ aud: 'https://other.example' }))).status).toBe(401);
    expect((await call(base, '/accounts/7', await forge({ iss: 'https://evil.example' }))).status).toBe(401);
    const now2 = Math.floor(Date.now() / 1000);
    const noExp = await new SignJWT({ sub: 'x', iss: idp.issuer, aud: idp.jwtResource, iat: now2 })
      .setProtectedHeader({ alg: 'ES256', kid: idp.keys.ec.kid })
      .sign(idp.keys.ec.privateKey);
    const res = await call(base, '/accounts/7', noExp);
    expect(res.status).toBe(401);
    expect((await events.waitFor((e) => e.id === res.id)).deniedBy?.reason).toMatch(/"exp" claim/);
  });

  it('refuses a real token whose payload was tampered with', async () => {
    const token = await idp.token({ scope: 'accounts:read' });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = decodeJwt(token);
    const tampered = `${header}.${b64({ ...claims, roles: ['admin'] })}.${signature}`;
    expect(payload).not.toBe(tampered.split('.')[1]);
    const res = await call(base, '/accounts/7', tampered);
    expect(res.status).toBe(401);
    expect((await events.waitFor((e) => e.id === res.id)).deniedBy?.reason).toMatch(/signature/);
  });

  it('refetches the JWKS once for an unknown kid, and not again within the cooldown', async () => {
    const gateway = await start({}, { jwks: { cooldownMs: 200 } });
    expect((await call(gateway, '/accounts/7', await forge({}))).status).toBe(200);
    const before = idp.hits.get('/jwks') ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sign = () =>
      new SignJWT({ sub: 'x' })
        .setProtectedHeader({ alg: 'ES256', kid: 'rotated-in' })
        .setIssuer(idp.issuer)
        .setAudience(idp.jwtResource)
        .setExpirationTime('5m')
        .sign(stranger.privateKey);
    expect((await call(gateway, '/accounts/7', await sign())).status).toBe(401);
    expect(idp.hits.get('/jwks')).toBe(before + 1);
    expect((await call(gateway, '/accounts/7', await sign())).status).toBe(401);
    expect(idp.hits.get('/jwks')).toBe(before + 1);
  });
});

describe('jwt policy when the identity provider is down', () => {
  it('serves a warm key cache while the JWKS endpoint is down', async () => {
    const base = await start();
    expect((await call(base, '/accounts/1', await idp.token({ scope: 'accounts:read' }))).status).toBe(200);
    const fresh = await idp.token({ scope: 'accounts:read' });
    idp.down = true;
    try {
      expect((await call(base, '/accounts/1', fresh)).status).toBe(200);
    } finally {
      idp.down = false;
    }
  });

  it('fails closed with 503 on a cold cache, and fails fast while the endpoint stays down', async () => {
    const base = await start();
    const token = await idp.token({ scope: 'accounts:read' });
    idp.down = true;
    try {
      const before = idp.hits.get('/jwks') ?? 0;
      const res = await call(base, '/accounts/1', token);
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text).detail).not.toMatch(/jwks|127\.0\.0\.1/i);
      const event = await events.waitFor((e) => e.id === res.id);
      expect(event).toMatchObject({ auth: 'error', deniedBy: { policy: 'jwt' } });
      expect((await call(base, '/accounts/1', token)).status).toBe(503);
      expect(idp.hits.get('/jwks')).toBe(before + 1);
    } finally {
      idp.down = false;
    }
  });

  it('lets the request go on unauthenticated with failMode "open"', async () => {
    // Only meaningful where authorization does not insist on the credential: with the security requirements
    // enforced (the default), the authorize policy would refuse the unauthenticated request with 401.
    const base = await start({ failMode: 'open' }, {}, { authorize: { securityRequirements: false } });
    const token = await idp.token({ scope: 'accounts:read' });
    idp.down = true;
    try {
      const res = await call(base, '/accounts/1', token);
      expect(res.status).toBe(200);
      const event = await events.waitFor((e) => e.id === res.id);
      expect(event.auth).toBe('error');
      expect(event.identity).toBeUndefined();
    } finally {
      idp.down = false;
    }
  });

  it('verifies a repeated token once (verified-token cache)', async () => {
    // maxAgeMs 0 and no cooldown: every signature verification would refresh the key set in the background.
    const base = await start({}, { jwks: { maxAgeMs: 0, cooldownMs: 0 } });
    const token = await idp.token({ scope: 'accounts:read' });
    const before = idp.hits.get('/jwks') ?? 0;
    for (let i = 0; i < 5; i++) expect((await call(base, '/accounts/1', token)).status).toBe(200);
    expect(idp.hits.get('/jwks')).toBe(before + 1);
    const other = await idp.token({ scope: 'accounts:read' });
    expect((await call(base, '/accounts/1', other)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(idp.hits.get('/jwks')).toBe(before + 2);
  });
});

describe('jwt policy configuration', () => {
  it('lists every problem at once', () => {
    expect(() =>
      createGateway({
        upstreams: ['http://127.0.0.1:1'],
        adminListen: false,
        routing: { model },
        policies: {
          jwt: {
            issuers: [
              {
                issuer: 'https://a',
                audience: 'x',
                algorithms: ['none', 'HS256', 'RS256'],
                jwksUri: 'http://idp.example/jwks',
              },
              { issuer: 'https://b', algorithms: ['RS256'], schemes: ['partnerKey'] },
            ],
            failMode: 'sometimes',
          },
        },
      }),
    ).toThrowError(
      expect.objectContaining({
        problems: expect.arrayContaining([
          expect.objectContaining({
            path: 'policies.jwt.issuers[0].algorithms',
            message: expect.stringMatching(/"none"/),
          }),
          expect.objectContaining({
            path: 'policies.jwt.issuers[0].algorithms',
            message: expect.stringMatching(/mix/),
          }),
          expect.objectContaining({
            path: 'policies.jwt.issuers[0].jwksUri',
            message: expect.stringMatching(/https/),
          }),
          expect.objectContaining({ path: 'policies.jwt.issuers[1].audience' }),
          expect.objectContaining({
            path: 'policies.jwt.issuers[1]',
            message: expect.stringMatching(/jwksUri/),
          }),
          expect.objectContaining({ path: 'policies.jwt.issuers[1].schemes' }),
          expect.objectContaining({ path: 'policies.jwt.failMode' }),
        ]),
      }),
    );
  });
});
