import { createHttpTransport, createIdentitySession, parseIdentities } from '@rampart/scan';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTinyApi, type TinyApi } from './start-tiny-api.js';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsigned-looking JWT whose only use here is its `exp` claim (the tiny API does not verify it). */
const jwtWithExp = (n: number, exp: number) => `${base64url({ alg: 'HS256' })}.${base64url({ n, exp })}.c2ln`;

describe('a login-flow identity refreshes its session', () => {
  let api: TinyApi;
  let logins = 0;
  /** Requests each token may make before the API answers 401. */
  const USES = 3;
  const uses = new Map<string, number>();
  let expSeconds = 4_000_000_000;
  /** When true the login answers 429, like an account another check locked out. */
  let lockedOut = false;
  beforeAll(async () => {
    api = await startTinyApi((request, send) => {
      if (request.method === 'POST' && request.path === '/login') {
        if (lockedOut) return send(429, { error: 'too_many_attempts' });
        logins++;
        const token = JSON.parse(request.body).jwt ? jwtWithExp(logins, expSeconds) : `tok-${logins}`;
        uses.set(token, 0);
        return send(200, { token });
      }
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const used = uses.get(token);
      if (used === undefined || used >= USES) return send(401, { error: 'token expired' });
      uses.set(token, used + 1);
      if (request.path === '/admin') return send(401, { error: 'not for you' });
      send(200, { me: 'alice', token });
    });
  });
  afterAll(() => api.close());

  const identity = (jwt: boolean) =>
    parseIdentities(
      `identities:
  - name: alice
    login:
      steps:
        - { method: POST, path: /login, json: { user: alice, jwt: ${jwt} }, extract: { token: { from: body, pointer: /token } } }
      apply: { bearer: "{{token}}" }
`,
      'ids.yaml',
    ).identities[0]!;

  it('logs in again when a token that worked gets 401, and retries the request', async () => {
    logins = 0;
    const session = createIdentitySession(identity(false), createHttpTransport(), api.url);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await session.send({ method: 'GET', url: `${api.url}/me` })).status);
    expect(statuses).toEqual(Array(10).fill(200));
    // 10 requests, 3 per token: tokens 1..4.
    expect(logins).toBe(4);
  });

  it('takes a 401 that fresh credentials also get as the answer, without logging in on every request', async () => {
    logins = 0;
    const session = createIdentitySession(identity(false), createHttpTransport(), api.url);
    expect((await session.send({ method: 'GET', url: `${api.url}/me` })).status).toBe(200);
    const admin = [];
    for (let i = 0; i < 4; i++)
      admin.push((await session.send({ method: 'GET', url: `${api.url}/admin` })).status);
    expect(admin).toEqual([401, 401, 401, 401]);
    // One re-login to rule out expiry; then the refusal is remembered.
    expect(logins).toBe(2);
  });

  it('keeps the scan going when the re-login is refused: the 401 stands and the held token stays in use', async () => {
    logins = 0;
    lockedOut = false;
    const session = createIdentitySession(identity(false), createHttpTransport(), api.url);
    expect((await session.send({ method: 'GET', url: `${api.url}/me` })).status).toBe(200);
    lockedOut = true;
    try {
      expect((await session.send({ method: 'GET', url: `${api.url}/admin` })).status).toBe(401);
      expect((await session.send({ method: 'GET', url: `${api.url}/me` })).status).toBe(200);
    } finally {
      lockedOut = false;
    }
    expect(logins).toBe(1);
  });

  it('does not log in again for a 401 before the credentials ever worked', async () => {
    logins = 0;
    const session = createIdentitySession(identity(false), createHttpTransport(), api.url);
    expect((await session.send({ method: 'GET', url: `${api.url}/admin` })).status).toBe(401);
    expect(logins).toBe(1);
  });

  it("logs in again before a held JWT's exp", async () => {
    logins = 0;
    let clock = 1_000_000_000_000;
    expSeconds = clock / 1000 + 60;
    const session = createIdentitySession(identity(true), createHttpTransport(), api.url, {
      now: () => clock,
    });
    expect((await session.send({ method: 'GET', url: `${api.url}/me` })).status).toBe(200);
    expect((await session.send({ method: 'GET', url: `${api.url}/me` })).status).toBe(200);
    expect(logins).toBe(1);
    clock += 55_000; // within the refresh margin of exp
    expSeconds = clock / 1000 + 60;
    expect((await session.send({ method: 'GET', url: `${api.url}/me` })).status).toBe(200);
    expect(logins).toBe(2);
  });
});
