import { randomBytes } from 'node:crypto';
import { loadApiFromString } from '@rampart/openapi';
import { parseIdentities, type ScanResult, scanTarget } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { api2TokenAfterLogout } from '../../src/checks/api2-token-after-logout.js';
import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';
import { startTinyApi } from '../start-tiny-api.js';

const check = 'api2-token-after-logout';

describeCheckOnBank(check, [
  { flaw: 'api2-token-valid-after-logout', matches: findingAt(check, 'POST', '/auth/logout') },
]);

// A tiny API whose login hands out an opaque credential, as a session cookie or as a bearer token; `kept`
// forgets to delete the session at logout, `revoked` deletes it.
const document = {
  openapi: '3.0.3',
  info: { title: 'tiny sessions', version: '1' },
  components: { securitySchemes: { sid: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
  security: [{ sid: [] }],
  paths: {
    '/login': { post: { security: [], responses: { '200': { description: 'signed in' } } } },
    '/logout': { post: { responses: { '204': { description: 'signed out' } } } },
    '/me': { get: { responses: { '200': { description: 'me' } } } },
  },
};
const cookieIdentity = `identities:
  - name: ana
    login:
      steps:
        - { method: POST, path: /login, json: { user: ana }, extract: { sid: { from: cookie, name: sid } } }
      apply: { cookies: { sid: "{{sid}}" } }
preflight: { method: GET, path: /me }
`;
const bearerIdentity = `identities:
  - name: ana
    login:
      steps:
        - { method: POST, path: /login, json: { user: ana }, extract: { token: { from: body, pointer: /token } } }
      apply: { bearer: "{{token}}" }
preflight: { method: GET, path: /me }
`;

async function scan(
  place: 'cookie' | 'bearer',
  logout: 'kept' | 'revoked',
  logins = Infinity,
): Promise<{ result: ScanResult; first: string | undefined; loggedOut: string[] }> {
  const sessions = new Set<string>();
  const loggedOut: string[] = [];
  let first: string | undefined;
  let granted = 0;
  const api = await startTinyApi((request, send) => {
    const cookie = /(?:^|;\s*)sid=([\w-]+)/.exec(request.headers.cookie ?? '')?.[1];
    const bearer = /^Bearer ([\w-]+)$/.exec(request.headers.authorization ?? '')?.[1];
    const held = place === 'cookie' ? cookie : bearer;
    if (request.path === '/login') {
      if (granted++ >= logins) return send(429, { error: 'slow down' });
      const sid = randomBytes(12).toString('hex');
      first ??= sid;
      sessions.add(sid);
      return place === 'cookie'
        ? send(200, { ok: true }, { 'set-cookie': `sid=${sid}; Path=/; HttpOnly` })
        : send(200, { token: sid });
    }
    if (held === undefined || !sessions.has(held)) return send(401, { error: 'sign in' });
    if (request.path === '/logout' && request.method === 'POST') {
      loggedOut.push(held);
      if (logout === 'revoked') sessions.delete(held);
      return send(204);
    }
    if (request.path === '/me') return send(200, { name: 'ana', email: 'ana@example.org' });
    return send(404, { error: 'not found' });
  });
  try {
    const result = await scanTarget({
      model: await loadApiFromString(JSON.stringify(document), 'tiny-sessions.json'),
      target: api.url,
      identities: parseIdentities(place === 'cookie' ? cookieIdentity : bearerIdentity, 'ids.yaml'),
      options: { checks: [api2TokenAfterLogout], requestsPerSecond: 1000, canary: false },
    });
    return { result, first, loggedOut };
  } finally {
    await api.close();
  }
}

describe(`${check} on a tiny API with opaque credentials`, () => {
  it.each(['cookie', 'bearer'] as const)(
    'finds a %s that still works after logout, logging out only the fresh one',
    async (place) => {
      const { result, first, loggedOut } = await scan(place, 'kept');
      expect(result.engineErrors).toEqual([]);
      expect(result.findings.map((f) => `${f.location.method} ${f.location.path}`)).toEqual(['POST /logout']);
      expect(result.findings[0]!.message).toContain(place === 'cookie' ? 'session cookie sid' : 'token');
      expect(loggedOut.length).toBeGreaterThan(0);
      // The session's own credentials (the first login) are never the ones logged out.
      expect(loggedOut).not.toContain(first);
    },
  );

  it.each(['cookie', 'bearer'] as const)('stays quiet when logout revokes the %s', async (place) => {
    const { result, loggedOut } = await scan(place, 'revoked');
    expect(result.engineErrors).toEqual([]);
    expect(loggedOut).toHaveLength(1);
    expect(result.findings).toEqual([]);
  });

  it('skips when a second login is refused, without logging out the session', async () => {
    const { result, loggedOut } = await scan('cookie', 'kept', 1);
    expect(result.engineErrors).toEqual([]);
    expect(loggedOut).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
