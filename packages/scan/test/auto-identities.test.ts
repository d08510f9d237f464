import { randomBytes } from 'node:crypto';
import { loadApiFromString } from '@rampart/openapi';
import { deriveAutoIdentities, detectToken, type ScanResponse, scanTarget } from '@rampart/scan';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankModel, createBankApi, SEED_USERS } from './start-bank.js';
import { startTinyApi, type TinyApi } from './start-tiny-api.js';

const AUTO = { identities: [], autoIdentities: true } as const;
const FAST = { only: ['api8-security-headers'], canary: false, requestsPerSecond: 1000 } as const;

describe('--auto-identities on the vulnerable bank', () => {
  it('signs up two throwaway customers through POST /auth/register, logs them in, and passes preflight', async () => {
    const bank = createBankApi({ secure: true });
    const target = await bank.listen({ port: 0 });
    try {
      const model = await bankModel();
      const derived = deriveAutoIdentities(model);
      expect([derived.signup, derived.login]).toEqual(['POST /auth/register', 'POST /auth/login']);
      // Concrete, unique values per user (no templates), so checks can reuse the password login.
      let n = 0;
      const [first, second] = deriveAutoIdentities(model, { random: () => `r${++n}` }).identities;
      expect(first?.register?.steps[0]).toEqual({
        method: 'POST',
        path: '/auth/register',
        json: {
          username: 'rampartr1',
          password: 'Rampart-r1-Pw1!',
          displayName: 'Rampart',
          email: 'rampartr1@example.com',
        },
      });
      expect(second?.login).toEqual({
        steps: [
          {
            method: 'POST',
            path: '/auth/login',
            json: { username: 'rampartr2', password: 'Rampart-r2-Pw1!' },
          },
        ],
        apply: { bearer: '{{token}}' },
        detectToken: true,
      });
      const result = await scanTarget({
        model,
        target,
        identities: AUTO,
        options: { ...FAST, readOnly: true },
      });
      expect(result.preflight).toEqual([
        { identity: 'auto-user-1', status: 200 },
        { identity: 'auto-user-2', status: 200 },
      ]);
      expect(result.warnings).not.toContainEqual(expect.stringMatching(/non-admin/));

      // The bank now has two more customers, with different usernames.
      const admin = SEED_USERS.admin as { username: string; password: string };
      const login = await fetch(`${target}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: admin.username, password: admin.password }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const users = (await (
        await fetch(`${target}/admin/users`, { headers: { authorization: `Bearer ${accessToken}` } })
      ).json()) as { items: Array<{ username: string; role: string }> };
      const created = users.items.filter((u) => u.username.startsWith('rampart'));
      expect(created).toHaveLength(2);
      expect(new Set(created.map((u) => u.username)).size).toBe(2);
      expect(created.every((u) => u.role === 'customer')).toBe(true);
    } finally {
      await bank.close();
    }
  });
});

/**
 * An API shaped unlike the bank: sign-up is `POST /api/v1/users` (e-mail, password and its confirmation, a
 * required first name, a role enum whose first value is admin), the login is a form post to
 * `/api/v1/sessions` with an `email` field, the token comes back at `/data/token`, and it travels in an
 * `X-Auth-Token` header (an apiKey security scheme).
 */
const SHOP_SPEC = `
openapi: 3.0.3
info: { title: Shop, version: '1' }
components:
  securitySchemes:
    session: { type: apiKey, in: header, name: X-Auth-Token }
security: [ { session: [] } ]
paths:
  /api/v1/users:
    post:
      security: []
      summary: Create a customer
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [email, password, passwordConfirmation, firstName, role]
              properties:
                email: { type: string, format: email }
                password: { type: string, minLength: 12 }
                passwordConfirmation: { type: string }
                firstName: { type: string }
                role: { type: string, enum: [admin, shopper] }
      responses: { '201': { description: created } }
  /api/v1/sessions:
    post:
      security: []
      summary: Sign in
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [email, password]
              properties: { email: { type: string }, password: { type: string } }
      responses: { '200': { description: signed in } }
  /api/v1/me:
    get:
      responses: { '200': { description: me } }
`;

describe('--auto-identities on an API with a differently shaped sign-up and login', () => {
  let api: TinyApi;
  const accounts = new Map<string, { password: string; role: string }>();
  const tokens = new Map<string, string>();
  const received: string[] = [];
  beforeAll(async () => {
    api = await startTinyApi((request, send) => {
      if (request.method === 'POST' && request.path === '/api/v1/users') {
        const body = JSON.parse(request.body) as Record<string, string>;
        received.push(request.body);
        if (!body['email']?.includes('@') || (body['password'] ?? '').length < 12)
          return send(422, { error: 'invalid' });
        if (body['password'] !== body['passwordConfirmation'])
          return send(422, { error: 'passwords differ' });
        if (!body['firstName']) return send(422, { error: 'firstName is required' });
        if (accounts.has(body['email'])) return send(422, { error: 'email has already been taken' });
        accounts.set(body['email'], { password: body['password']!, role: body['role']! });
        return send(201, { id: accounts.size });
      }
      if (request.method === 'POST' && request.path === '/api/v1/sessions') {
        if (request.headers['content-type'] !== 'application/x-www-form-urlencoded')
          return send(415, { error: 'form only' });
        const form = new URLSearchParams(request.body);
        const account = accounts.get(form.get('email') ?? '');
        if (account === undefined || account.password !== form.get('password'))
          return send(401, { error: 'no' });
        const token = randomBytes(12).toString('hex');
        tokens.set(token, form.get('email')!);
        return send(200, { data: { token, expires: 3600 } });
      }
      const email = tokens.get(String(request.headers['x-auth-token'] ?? ''));
      if (request.path === '/api/v1/me')
        return email ? send(200, { email }) : send(401, { error: 'sign in' });
      send(404, { error: 'not found' });
    });
  });
  afterAll(() => api.close());

  it('registers with the required fields, logs in by form with the e-mail, and sends the token as X-Auth-Token', async () => {
    const model = await loadApiFromString(SHOP_SPEC, 'shop.yaml');
    const result = await scanTarget({ model, target: api.url, identities: AUTO, options: FAST });
    expect(result.preflight.map((p) => `${p.identity} ${p.status}`)).toEqual([
      'auto-user-1 200',
      'auto-user-2 200',
    ]);
    expect(accounts.size).toBe(2);
    // Never the privileged enum value.
    expect([...accounts.values()].map((a) => a.role)).toEqual(['shopper', 'shopper']);
    expect(received.map((body) => JSON.parse(body).firstName)).toEqual(['Rampart', 'Rampart']);
  });

  it('says which throwaway user failed and why when registration is refused (secrets redacted)', async () => {
    const closed = await startTinyApi((request, send) => {
      if (request.path === '/api/v1/users') {
        return send(403, { error: 'sign-up is closed', apiKey: 'sk_live_do_not_print' });
      }
      send(401, { error: 'sign in' });
    });
    try {
      const model = await loadApiFromString(SHOP_SPEC, 'shop.yaml');
      const failure = scanTarget({ model, target: closed.url, identities: AUTO, options: FAST });
      await expect(failure).rejects.toMatchObject({
        code: 'RAMPART_ERR_SCAN_PREFLIGHT',
        message:
          'identity "auto-user-1": register step 1 (POST /api/v1/users) answered 403, expected 2xx or an "already exists" answer (body: {"error":"sign-up is closed","apiKey":"[redacted]"})',
      });
    } finally {
      await closed.close();
    }
  });
});

describe('--auto-identities with a session-cookie login', () => {
  it('uses the cookies the login sets when its body has no token', async () => {
    const sessions = new Set<string>();
    const api = await startTinyApi((request, send) => {
      if (request.path === '/signup') return send(201, { ok: true });
      if (request.path === '/login') {
        const sid = randomBytes(8).toString('hex');
        sessions.add(sid);
        return send(200, { welcome: true }, { 'set-cookie': `sid=${sid}; HttpOnly; Path=/` });
      }
      const sid = /sid=(\w+)/.exec(String(request.headers.cookie ?? ''))?.[1];
      if (request.path === '/profile') return sid && sessions.has(sid) ? send(200, { sid }) : send(401, {});
      send(404, {});
    });
    try {
      const model = await loadApiFromString(
        `openapi: 3.0.3
info: { title: Cookies, version: '1' }
components: { securitySchemes: { c: { type: apiKey, in: cookie, name: sid } } }
security: [ { c: [] } ]
paths:
  /signup:
    post:
      security: []
      requestBody: { content: { application/json: { schema: { properties: { username: { type: string }, password: { type: string } } } } } }
      responses: { '201': { description: ok } }
  /login:
    post:
      security: []
      requestBody: { content: { application/json: { schema: { properties: { username: { type: string }, password: { type: string } } } } } }
      responses: { '200': { description: ok } }
  /profile:
    get:
      responses: { '200': { description: ok } }
`,
        'cookies.yaml',
      );
      const result = await scanTarget({ model, target: api.url, identities: AUTO, options: FAST });
      expect(result.preflight.map((p) => p.identity)).toEqual(['auto-user-1', 'auto-user-2']);
      expect(sessions.size).toBe(2);
    } finally {
      await api.close();
    }
  });
});

describe('--auto-identities cannot work', () => {
  it('fails before any request when the description has no sign-up, saying what it looked for', async () => {
    const model = await loadApiFromString(
      `openapi: 3.0.3
info: { title: Closed, version: '1' }
paths:
  /login:
    post:
      requestBody: { content: { application/json: { schema: { properties: { email: { type: string }, password: { type: string } } } } } }
      responses: { '200': { description: ok } }
`,
      'closed.yaml',
    );
    let sent = 0;
    const result = scanTarget({
      model,
      target: 'http://127.0.0.1:9',
      identities: AUTO,
      options: {
        ...FAST,
        transport: {
          send: async () => {
            sent += 1;
            return { status: 500 } as unknown as ScanResponse;
          },
        },
      },
    });
    await expect(result).rejects.toMatchObject({
      code: 'RAMPART_ERR_SCAN_AUTO_IDENTITIES',
      message: expect.stringMatching(
        /^--auto-identities: the description of "Closed" has no sign-up operation \(a POST named register, signup/,
      ),
      hint: expect.stringMatching(/identities\.yaml/),
    });
    expect(sent).toBe(0);
  });

  it('fails when a sign-up exists but no password login does', () => {
    return loadApiFromString(
      `openapi: 3.0.3
info: { title: Half, version: '1' }
paths:
  /register:
    post:
      requestBody: { content: { application/json: { schema: { properties: { username: { type: string }, password: { type: string } } } } } }
      responses: { '201': { description: ok } }
`,
      'half.yaml',
    ).then((model) =>
      expect(() => deriveAutoIdentities(model)).toThrow(
        /has a sign-up \(POST \/register\) but no password login \(a POST named login, signin, token or session/,
      ),
    );
  });

  it('says where it looked when the login answers without a token', async () => {
    const api = await startTinyApi((request, send) => {
      if (request.path === '/register') return send(201, {});
      if (request.path === '/login') return send(200, { ok: true, secret: 'hunter2hunter2' });
      send(401, {});
    });
    try {
      const model = await loadApiFromString(
        `openapi: 3.0.3
info: { title: Tokenless, version: '1' }
security: [ { b: [] } ]
components: { securitySchemes: { b: { type: http, scheme: bearer } } }
paths:
  /register:
    post:
      security: []
      requestBody: { content: { application/json: { schema: { properties: { username: { type: string }, password: { type: string } } } } } }
      responses: { '201': { description: ok } }
  /login:
    post:
      security: []
      requestBody: { content: { application/json: { schema: { properties: { username: { type: string }, password: { type: string } } } } } }
      responses: { '200': { description: ok } }
  /me: { get: { responses: { '200': { description: ok } } } }
`,
        'tokenless.yaml',
      );
      await expect(
        scanTarget({ model, target: api.url, identities: AUTO, options: FAST }),
      ).rejects.toMatchObject({
        code: 'RAMPART_ERR_SCAN_PREFLIGHT',
        message: expect.stringMatching(
          /^identity "auto-user-1": login step 1 \(POST \/login\) answered 200 but no token was found in it \(looked at \/token, \/access_token, .*body: \{"ok":true,"secret":"\[redacted\]"\}\)$/,
        ),
      });
    } finally {
      await api.close();
    }
  });
});

describe('detectToken', () => {
  const response = (body: unknown, headers: Record<string, string> = {}, setCookies: string[] = []) =>
    ({ status: 200, headers, setCookies, body: JSON.stringify(body) }) as unknown as ScanResponse;
  it.each([
    [{ token: 'abcdefgh1' }, '/token'],
    [{ access_token: 'abcdefgh2', token_type: 'bearer' }, '/access_token'],
    [{ accessToken: 'abcdefgh3' }, '/accessToken'],
    [{ auth_token: 'abcdefgh4' }, '/auth_token'],
    [{ jwt: 'abcdefgh5' }, '/jwt'],
    [{ data: { token: 'abcdefgh6' } }, '/data/token'],
  ])('finds %j at its pointer', (body, pointer) => {
    expect(detectToken(response(body))).toMatchObject({ from: 'body', pointer });
  });
  it('falls back to a token header, then to session cookies, and ignores cleared cookies', () => {
    expect(detectToken(response({ ok: 1 }, { 'x-auth-token': 'abcdefgh7' }))).toEqual({
      from: 'header',
      name: 'x-auth-token',
      value: 'abcdefgh7',
    });
    expect(detectToken(response({}, {}, ['sid=s3cr3t; HttpOnly', 'old=; Max-Age=0']))).toEqual({
      from: 'cookies',
      cookies: { sid: 's3cr3t' },
    });
    expect(detectToken(response({ token: '' }, {}, ['old=x; Max-Age=0']))).toBeUndefined();
  });
});
