import { describe, expect, it } from 'vitest';
import { applyBaseline } from './apply-baseline.js';
import { createBaseline } from './create-baseline.js';
import { parseBaseline } from './parse-baseline.js';
import { auditText, yamlDoc } from './test-rule.js';

const before = yamlDoc(`
  paths:
    /orders:
      post: { responses: { '201': { description: ok } } }
`);
const after = yamlDoc(`
  paths:
    /health:
      get: { responses: { '200': { description: ok } } }
    /orders:
      post:
        description: moved down two lines, still the same finding
        responses: { '201': { description: ok } }
    /refunds:
      post: { responses: { '201': { description: ok } } }
`);

describe('baseline', () => {
  it('accepts known findings across line moves and reports only new ones', async () => {
    const options = { enable: ['write-operation-without-security'] };
    const baseline = createBaseline(
      (await auditText(before, options)).findings,
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(baseline).toMatchObject({
      version: 1,
      tool: 'rampart-audit',
      createdAt: '2026-01-01T00:00:00.000Z',
      findings: [
        {
          ruleId: 'write-operation-without-security',
          location: 'openapi.yaml#/paths/~1orders/post',
          operation: 'POST /orders',
        },
      ],
    });
    const split = applyBaseline(
      (await auditText(after, options)).findings,
      parseBaseline(JSON.parse(JSON.stringify(baseline))),
    );
    expect(split.accepted.map((f) => f.location.path)).toEqual(['/orders']);
    expect(split.new.map((f) => f.location.path)).toEqual(['/refunds']);
    expect(split.stale).toEqual([]);
  });

  it('lists entries nothing matches any more as stale', () => {
    const baseline = parseBaseline({
      version: 1,
      findings: [{ fingerprint: 'a'.repeat(32), ruleId: 'x', location: 'f#/' }],
    });
    expect(applyBaseline([], baseline).stale).toHaveLength(1);
  });

  it('rejects a malformed file listing every problem', () => {
    expect(() =>
      parseBaseline({ version: 2, findings: [{ fingerprint: 'nope' }] }, 'audit-baseline.json'),
    ).toThrow(
      /audit-baseline.json is not a valid audit baseline:\n {2}- \/version: must be 1, got 2.*\n {2}- \/findings\/0\/fingerprint/s,
    );
  });
});
