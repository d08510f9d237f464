import { loadApiFromString } from '@rampart/openapi';
import { parseIdentities, type ScanResult, scanTarget } from '@rampart/scan';
import { beforeAll, describe, expect, it } from 'vitest';
import { api3RoleFieldExposure } from '../../src/checks/api3-role-field-exposure.js';
import { startTinyApi, type TinyApi } from '../start-tiny-api.js';

const document = {
  openapi: '3.0.3',
  info: { title: 'tiny roles', version: '1' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearerAuth: [] }],
  paths: {
    '/me': {
      get: {
        responses: {
          '200': {
            description: 'the caller',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    id: { type: 'integer' },
                    name: { type: 'string' },
                    riskScore: { type: 'integer', 'x-rampart-roles': ['admin'] },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/orders': {
      get: {
        responses: {
          '200': {
            description: 'orders',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { id: { type: 'integer' }, total: { type: 'number' } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const HASH = '$2b$10$abcdefghijklmnopqrstuuG0b8xq1YpV2d8s1FhWm6Q7pNfN3kLe.';

/** `fixed` shapes responses by role as the description says; `hash-only` leaks only an undocumented field. */
type Mode = 'vulnerable' | 'hash-only' | 'fixed';

async function startApi(mode: Mode): Promise<TinyApi> {
  return startTinyApi((request, send) => {
    const who = { 'Bearer t-alice': 'alice', 'Bearer t-ops': 'ops' }[request.headers.authorization ?? ''];
    if (who === undefined) return send(401, { error: 'login required' });
    if (request.path === '/me') {
      const full = {
        id: who === 'ops' ? 9 : 1,
        name: who,
        riskScore: 7,
        internalNote: 'plain note',
        passwordHash: HASH,
      };
      if (mode === 'fixed' && who !== 'ops') return send(200, { id: full.id, name: full.name });
      if (mode === 'hash-only' && who !== 'ops') return send(200, { ...full, riskScore: undefined });
      return send(200, full);
    }
    if (request.path === '/orders') return send(200, [{ id: 3, total: 12.5 }]);
    send(404, { error: 'not found' });
  });
}

const identities = parseIdentities(
  `identities:
  - { name: alice, role: customer, bearer: t-alice }
  - { name: ops, role: admin, admin: true, bearer: t-ops }
preflight: { method: GET, path: /me }
`,
  'ids.yaml',
);

async function scan(mode: Mode): Promise<ScanResult> {
  const api = await startApi(mode);
  try {
    return await scanTarget({
      model: await loadApiFromString(JSON.stringify(document), 'tiny-roles.json'),
      target: api.url,
      identities,
      options: { checks: [api3RoleFieldExposure], canary: false, readOnly: true },
    });
  } finally {
    await api.close();
  }
}

describe('api3-role-field-exposure', () => {
  let vulnerable: ScanResult;
  let hashOnly: ScanResult;
  let fixed: ScanResult;
  beforeAll(async () => {
    vulnerable = await scan('vulnerable');
    hashOnly = await scan('hash-only');
    fixed = await scan('fixed');
  });

  it('reports fields reserved for admins and undocumented sensitive fields the user receives, not harmless ones', () => {
    expect(vulnerable.engineErrors).toEqual([]);
    expect(vulnerable.findings).toHaveLength(1);
    const finding = vulnerable.findings[0]!;
    expect(finding.ruleId).toBe('api3-role-field-exposure');
    expect(finding.evidence?.oracle).toBe('role-differential-described');
    expect(finding.severity).toBe('high');
    expect(finding.location.path).toBe('/me');
    expect(finding.evidence?.snippet).toBe('riskScore, passwordHash');
    expect(finding.message).toContain('riskScore (admin)');
    expect(finding.message).toContain('passwordHash (password-hash)');
    expect(finding.message).not.toContain('internalNote');
    expect(JSON.stringify(finding.message)).not.toContain(HASH);
  });

  it('reports an undocumented sensitive field alone with medium severity', () => {
    expect(hashOnly.findings.map((f) => [f.evidence?.oracle, f.severity, f.evidence?.snippet])).toEqual([
      ['role-differential-undocumented', 'medium', 'passwordHash'],
    ]);
  });

  it('reports nothing when responses are shaped by role, nor for fields every role may see', () => {
    expect(fixed.engineErrors).toEqual([]);
    expect(fixed.findings).toEqual([]);
    expect(vulnerable.findings.every((f) => f.location.path === '/me')).toBe(true);
  });
});
