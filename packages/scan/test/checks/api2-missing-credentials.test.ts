import { loadApiFromString } from '@rampart/openapi';
import { parseIdentities, type ScanResult, scanTarget } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { api2MissingCredentials } from '../../src/checks/api2-missing-credentials.js';
import { startTinyApi } from '../start-tiny-api.js';

const check = 'api2-missing-credentials';

// A tiny API with two secured reads: /me for a session cookie, /reports for an API key header. `presence`
// only checks that the credential is there (any value passes); `lookup` looks it up. Anonymous callers are
// refused either way, so only a wrong credential can tell the two apart.
const document = {
  openapi: '3.0.3',
  info: { title: 'tiny credentials', version: '1' },
  components: {
    securitySchemes: {
      sid: { type: 'apiKey', in: 'cookie', name: 'sid' },
      key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    },
  },
  paths: {
    '/me': { get: { security: [{ sid: [] }], responses: { '200': { description: 'me' } } } },
    '/reports': { get: { security: [{ key: [] }], responses: { '200': { description: 'reports' } } } },
  },
};
const identities = `identities:
  - { name: ana, role: user, cookies: { sid: 3f9a0c1d2e4b5a6978cd01ef }, preflight: { method: GET, path: /me } }
  - { name: ops, role: service, headers: { X-Api-Key: key-5Tq8wZr2Lm4N }, preflight: { method: GET, path: /reports } }
`;

async function scan(mode: 'presence' | 'lookup'): Promise<ScanResult> {
  const api = await startTinyApi((request, send) => {
    const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    const key = request.headers['x-api-key'];
    const path = request.path.split('?')[0];
    if (path === '/me') {
      if (sid === undefined || (mode === 'lookup' && sid !== '3f9a0c1d2e4b5a6978cd01ef'))
        return send(401, { error: 'sign in' });
      return send(200, { name: 'ana', email: 'ana@example.org', plan: 'gold' });
    }
    if (path === '/reports') {
      if (key === undefined || (mode === 'lookup' && key !== 'key-5Tq8wZr2Lm4N'))
        return send(401, { error: 'api key required' });
      return send(200, { reports: [{ id: 1, title: 'Quarterly revenue', total: 129_400 }] });
    }
    return send(404, { error: 'not found' });
  });
  try {
    return await scanTarget({
      model: await loadApiFromString(JSON.stringify(document), 'tiny-credentials.json'),
      target: api.url,
      identities: parseIdentities(identities, 'ids.yaml'),
      options: { checks: [api2MissingCredentials], requestsPerSecond: 1000, canary: false },
    });
  } finally {
    await api.close();
  }
}

describe(`${check} on a tiny API with a session cookie and an API key`, () => {
  it('finds a random session cookie and a random API key accepted', async () => {
    const result = await scan('presence');
    expect(result.engineErrors).toEqual([]);
    expect(result.findings.map((f) => `${f.location.path}: ${f.message}`).sort()).toEqual([
      '/me: GET /me accepted a session cookie sid with a random value',
      '/reports: GET /reports accepted a random value in its API key header X-Api-Key',
    ]);
    expect(result.findings.every((f) => f.evidence?.oracle === 'malformed-credentials-same-response')).toBe(
      true,
    );
  });

  it('stays quiet when the cookie and the key are looked up', async () => {
    const result = await scan('lookup');
    expect(result.engineErrors).toEqual([]);
    expect(result.checks[0]!.requests).toBeGreaterThanOrEqual(4);
    expect(result.findings).toEqual([]);
  });
});
