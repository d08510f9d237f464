import { loadApiFromString } from '@rampart/openapi';
import { parseIdentities, type ScanResult, scanTarget } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { api4RateLimitBypass } from '../../src/checks/api4-rate-limit-bypass.js';
import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';
import { startTinyApi, type TinyRequest } from '../start-tiny-api.js';

const check = 'api4-rate-limit-bypass';

describeCheckOnBank(check, [
  {
    flaw: 'api4-reset-limit-xff-bypass',
    matches: findingAt(
      check,
      'POST',
      '/auth/password-reset',
      (f) =>
        f.severity === 'high' &&
        f.evidence?.oracle === 'limit-bypassed-by-client-address-header' &&
        /X-Forwarded-For/.test(f.message) &&
        !/X-Real-IP/.test(f.message),
    ),
  },
]);

// A tiny API with a password login and a profile. Its login limiter allows LIMIT attempts per client, keyed
// by `keyedBy`: the connection (every test request comes from 127.0.0.1, so one key), a header the client sets
// (`x-real-ip`, the flaw), or nothing at all (no limit).
const LIMIT = 5;
const document = {
  openapi: '3.0.3',
  info: { title: 'tiny limits', version: '1' },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearer: [] }],
  paths: {
    '/login': {
      post: {
        security: [],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { username: { type: 'string' }, password: { type: 'string' } },
              },
            },
          },
        },
        responses: { '200': { description: 'signed in' }, '401': { description: 'wrong' } },
      },
    },
    '/me': { get: { responses: { '200': { description: 'me' } } } },
  },
};
const identities = `identities:
  - name: ana
    login:
      steps:
        - { method: POST, path: /login, json: { username: ana, password: Ana-Secret-1 }, extract: { token: { from: body, pointer: /token } } }
      apply: { bearer: "{{token}}" }
preflight: { method: GET, path: /me }
`;

async function scan(keyedBy: 'connection' | 'x-real-ip' | 'none') {
  const counts = new Map<string, number>();
  const spoofedSeen: string[] = [];
  let loginRequests = 0;
  const api = await startTinyApi((request: TinyRequest, send) => {
    if (request.path === '/login' && request.method === 'POST') {
      loginRequests++;
      const header = request.headers['x-real-ip'];
      if (typeof request.headers['x-forwarded-for'] === 'string') spoofedSeen.push('x-forwarded-for');
      const client = keyedBy === 'x-real-ip' && typeof header === 'string' ? header : 'connection';
      const count = (counts.get(client) ?? 0) + 1;
      counts.set(client, count);
      if (keyedBy !== 'none' && count > LIMIT)
        return send(429, { error: 'slow down' }, { 'retry-after': '60' });
      const body = JSON.parse(request.body || '{}') as { username?: string; password?: string };
      if (body.username === 'ana' && body.password === 'Ana-Secret-1') return send(200, { token: 'tok-ana' });
      return send(401, { error: 'wrong username or password' });
    }
    if (request.headers.authorization !== 'Bearer tok-ana') return send(401, { error: 'sign in' });
    if (request.path === '/me') return send(200, { name: 'ana' });
    return send(404, { error: 'not found' });
  });
  try {
    const result: ScanResult = await scanTarget({
      model: await loadApiFromString(JSON.stringify(document), 'tiny-limits.json'),
      target: api.url,
      identities: parseIdentities(identities, 'ids.yaml'),
      options: { checks: [api4RateLimitBypass], requestsPerSecond: 1000, canary: false },
    });
    return { result, loginRequests, spoofedSeen };
  } finally {
    await api.close();
  }
}

describe(`${check} on a tiny API`, () => {
  it('names X-Real-IP when the login limiter keys on it', async () => {
    const { result, loginRequests } = await scan('x-real-ip');
    expect(result.engineErrors).toEqual([]);
    expect(result.findings.map((f) => `${f.severity} ${f.location.method} ${f.location.path}`)).toEqual([
      'high POST /login',
    ]);
    const finding = result.findings[0]!;
    expect(finding.message).toContain('X-Real-IP');
    expect(finding.message).not.toContain('X-Forwarded-For');
    expect(finding.evidence?.curl).toMatch(/x-real-ip: (192\.0\.2|198\.51\.100|203\.0\.113)\.\d+/i);
    // The identity's login, a burst up to the 6th attempt, the trials, the one-at-a-time naming, confirmation.
    expect(loginRequests).toBeLessThanOrEqual(1 + 25 + 3 + 10 + 3);
    console.log(`x-real-ip limiter: ${result.checks[0]!.requests} requests, ${loginRequests} to /login`);
  });

  it('reports nothing when the limit is keyed by the connection, however the address headers are set', async () => {
    const { result, loginRequests, spoofedSeen } = await scan('connection');
    expect(result.engineErrors).toEqual([]);
    expect(result.findings).toEqual([]);
    // It did reach the limit and try the spoofed headers (6 trials, each between plain requests).
    expect(spoofedSeen).toHaveLength(6);
    expect(loginRequests).toBeLessThanOrEqual(1 + LIMIT + 1 + 6 * 2);
    console.log(`connection limiter: ${result.checks[0]!.requests} requests, ${loginRequests} to /login`);
  });

  it('reports nothing when nothing is limited (that is api4-missing-rate-limit), within 25 requests per operation', async () => {
    const { result, loginRequests, spoofedSeen } = await scan('none');
    expect(result.engineErrors).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(spoofedSeen).toEqual([]);
    expect(loginRequests).toBe(1 + 25);
    expect(result.checks[0]!.requests).toBe(25 + 25);
    console.log(`no limiter: ${result.checks[0]!.requests} requests`);
  });
});
