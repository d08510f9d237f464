/**
 * Table-driven tests of gateway-config rules (not exported from the package): each case is a `gateway` section
 * (and optionally a description), with the number of findings or the pointers and messages expected. Every rule
 * has at least one case that fires and one near miss that does not.
 */
import { loadApiFromString } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import { auditGatewayConfig } from './audit-gateway-config.js';
import type { GatewayConfigRule } from './define-gateway-config-rule.js';

export interface GatewayConfigRuleCase {
  readonly name: string;
  /** The `gateway` section. */
  readonly config: unknown;
  /** An OpenAPI description (YAML or JSON text) for rules that read `routing.spec`. */
  readonly spec?: string;
  readonly expect:
    | number
    | readonly {
        readonly pointer?: string;
        readonly message?: RegExp | string;
        readonly severity?: string;
      }[];
}

export function describeGatewayConfigRule(
  rule: GatewayConfigRule,
  cases: readonly GatewayConfigRuleCase[],
): void {
  describe(rule.id, () => {
    it('has a case that fires and a near miss', () => {
      expect(cases.some((c) => c.expect !== 0)).toBe(true);
      expect(cases.some((c) => c.expect === 0)).toBe(true);
    });
    for (const c of cases) {
      it(c.name, async () => {
        const model = c.spec === undefined ? undefined : await loadApiFromString(c.spec, 'openapi.yaml', {});
        const result = auditGatewayConfig(
          { config: c.config, file: 'rampart.yaml', ...(model ? { model } : {}) },
          { rules: [rule] },
        );
        expect(result.engineErrors).toEqual([]);
        if (typeof c.expect === 'number') {
          expect(result.findings.map((f) => f.message)).toHaveLength(c.expect);
          return;
        }
        expect(result.findings).toHaveLength(c.expect.length);
        c.expect.forEach((e, i) => {
          const finding = result.findings[i];
          if (e.pointer !== undefined)
            expect(finding?.location.document?.pointer).toBe(`/gateway${e.pointer}`);
          if (e.message !== undefined) expect(finding?.message).toMatch(e.message);
          if (e.severity !== undefined) expect(finding?.severity).toBe(e.severity);
        });
      });
    }
  });
}
