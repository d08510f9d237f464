import { createHash } from 'node:crypto';
import { loadApiFromString } from '@rampart/openapi';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../src/index.js';
import { collectEvents, type EventCollector } from './collect-events.js';
import { startOidcProvider, type TestOidcProvider } from './start-oidc-provider.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

const DESCRIPTION = `
openapi: 3.0.3
info: { title: Introspection test, version: '1' }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows: { clientCredentials: { tokenUrl: 'https://idp.example/token', scopes: { 'accounts:read': read } } }
security: [{ oauth: ['accounts:read'] }]
paths:
  /accounts:
    get:
      responses: { '200': { description: ok } }
`;

let idp: TestOidcProvider;
let upstream: TestUpstream;
let events: EventCollector;
let model: Awaited<ReturnType<typeof loadApiFromString>>;
const gateways: Gateway[] = [];
const INTROSPECTION = '/token/introspection';

async function start(extra: Record<string, unknown> = {}, policies: Record<string, unknown> = {}) {
  const gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstream.url],
    routing: { model },
    eventSink: events.sink,
    policies: {
      introspection: {
        endpoint: idp.introspectionEndpoint,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        issuer: idp.issuer,
        audience: idp.opaqueResource,
        ...extra,
      },
      ...policies,
    },
  });
  gateways.push(gateway);
  return `http://127.0.0.1:${(await gateway.listen()).port}`;
}

async function call(base: string, token?: string) {
  const res = await request(`${base}/accounts`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, id: String(res.headers['x-request-id']) };
}

const opaque = () => idp.token({ resource: idp.opaqueResource, scope: 'accounts:read' });
const introspections = () => idp.hits.get(INTROSPECTION) ?? 0;

beforeAll(async () => {
  [idp, upstream] = await Promise.all([startOidcProvider(), startUpstream()]);
  events = collectEvents();
  model = await loadApiFromString(DESCRIPTION, 'introspection.yaml');
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await Promise.all([idp.close(), upstream.close()]);
});

describe('introspection policy with a real authorization server', () => {
  let base: string;
  beforeAll(async () => {
    base = await start();
  });

  it('accepts an active opaque token and sets the identity', async () => {
    const token = await opaque();
    const res = await call(base, token);
    expect(res.status).toBe(200);
    const event = await events.waitFor((e) => e.id === res.id);
    expect(event.identity).toEqual({
      subject: idp.clientId,
      method: 'introspection',
      roles: ['teller'],
      scopes: ['accounts:read'],
      tenant: 'acme',
      issuer: idp.issuer,
      credentialFingerprint: createHash('sha256').update(token).digest('hex').slice(0, 16),
    });
  });

  it('caches the result until expiry: repeated and concurrent requests introspect once', async () => {
    const token = await opaque();
    const before = introspections();
    const results = await Promise.all(Array.from({ length: 10 }, () => call(base, token)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect((await call(base, token)).status).toBe(200);
    expect(introspections()).toBe(before + 1);
  });

  it('refuses an inactive token with 401 and caches the negative answer briefly', async () => {
    const before = introspections();
    const junk = 'not-a-token-the-server-ever-issued-0123456789';
    const res = await call(base, junk);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"');
    expect(await events.waitFor((e) => e.id === res.id)).toMatchObject({
      auth: 'invalid',
      deniedBy: { policy: 'introspection', reason: 'token is not active' },
    });
    expect((await call(base, junk)).status).toBe(401);
    expect(introspections()).toBe(before + 1);
  });

  it('refuses a missing token with 401', async () => {
    expect((await call(base)).status).toBe(401);
  });

  it('with failMode "open" and enforced security requirements, authorization still refuses (401)', async () => {
    const open = await start({ failMode: 'open' });
    const token = await opaque();
    idp.down = true;
    try {
      const res = await call(open, token);
      expect(res.status).toBe(401);
      expect((await events.waitFor((e) => e.id === res.id)).deniedBy?.policy).toBe('authorize');
    } finally {
      idp.down = false;
    }
  });

  it('fails closed with 503 while the endpoint is down, but serves cached tokens', async () => {
    const cached = await opaque();
    expect((await call(base, cached)).status).toBe(200);
    const fresh = await opaque();
    idp.down = true;
    try {
      const res = await call(base, fresh);
      expect(res.status).toBe(503);
      expect(await events.waitFor((e) => e.id === res.id)).toMatchObject({
        auth: 'error',
        deniedBy: { policy: 'introspection' },
      });
      expect((await call(base, cached)).status).toBe(200);
    } finally {
      idp.down = false;
    }
    // a failure is not cached
    expect((await call(base, fresh)).status).toBe(200);
  });
});

describe('introspection policy options', () => {
  it('lets requests go on unauthenticated with failMode "open"', async () => {
    const base = await start({ failMode: 'open' }, { authorize: { securityRequirements: false } });
    const token = await opaque();
    idp.down = true;
    try {
      const res = await call(base, token);
      expect(res.status).toBe(200);
      expect((await events.waitFor((e) => e.id === res.id)).identity).toBeUndefined();
    } finally {
      idp.down = false;
    }
  });

  it('refuses an active token issued for another audience', async () => {
    const base = await start({ audience: 'https://some-other-api.example' });
    const res = await call(base, await opaque());
    expect(res.status).toBe(401);
    expect((await events.waitFor((e) => e.id === res.id)).deniedBy?.reason).toMatch(/audience/);
  });

  it('fails closed when the gateway cannot authenticate to the endpoint (client_secret_post, wrong secret)', async () => {
    const base = await start({ clientAuth: 'client_secret_post', clientSecret: 'wrong' });
    expect((await call(base, await opaque())).status).toBe(503);
  });

  it('authenticates with client_secret_post too', async () => {
    const base = await start({ clientAuth: 'client_secret_post' });
    expect((await call(base, await opaque())).status).toBe(200);
  });
});
