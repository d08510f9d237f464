/**
 * Table-driven rule tests (not exported from the package). One `describeRule` per rule file:
 *
 * ```ts
 * describeRule(apiKeyInQuery, [
 *   { name: 'key in query (3.0)', document: oas({ components: {…} }), expect: 1 },
 *   { name: 'key in header', document: yaml`…`, expect: 0 },
 * ]);
 * ```
 *
 * Every rule must have at least one case that fires and one near miss that does not; a rule's `examples`
 * (shown on its docs page) are run as two more cases.
 */
import type { Severity } from '@rampart/core';
import { loadApiFromString } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import { type AuditOptions, type AuditResult, auditModel } from './audit-model.js';
import type { Rule } from './define-rule.js';

/** What a case expects: a number of findings, or one entry per finding (any order, all fields optional). */
export interface ExpectedFinding {
  readonly message?: RegExp | string;
  /** JSON pointer of the finding's document location (in the source file; Swagger 2.0: the 2.0 pointer). */
  readonly pointer?: string;
  readonly line?: number;
  readonly severity?: Severity;
  /** How many operations a grouped finding names (1 for an ungrouped finding with an operation). */
  readonly operations?: number;
}

export interface RuleCase {
  readonly name: string;
  /** YAML or JSON text of an OpenAPI 3.0, 3.1 or Swagger 2.0 description. */
  readonly document: string;
  readonly expect: number | readonly ExpectedFinding[];
}

/** Loads `text` as `openapi.yaml` and audits it (all built-in rules unless `options.rules`). */
export async function auditText(text: string, options: AuditOptions = {}): Promise<AuditResult> {
  const model = await loadApiFromString(text, 'openapi.yaml', {});
  return auditModel(model, options);
}

type Version = '2.0' | '3.0' | '3.1';

/**
 * A minimal description as JSON text: `info` and empty `paths` filled in, `partial` merged over it (top level).
 * `version` picks `openapi: 3.0.3` (default), `openapi: 3.1.0` or `swagger: '2.0'`.
 */
export function oas(partial: Record<string, unknown>, version: Version = '3.0'): string {
  const head = version === '2.0' ? { swagger: '2.0' } : { openapi: version === '3.1' ? '3.1.0' : '3.0.3' };
  return JSON.stringify(
    { ...head, info: { title: 'Test API', version: '1.0.0' }, paths: {}, ...partial },
    null,
    2,
  );
}

/**
 * A description from YAML: `version` header and `info` are prepended, so the text starts at `paths:` or
 * `components:`. Indentation of the template is removed.
 */
export function yamlDoc(body: string, version: Version = '3.0'): string {
  const lines = body.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  const head = version === '2.0' ? "swagger: '2.0'" : `openapi: ${version === '3.1' ? '3.1.0' : '3.0.3'}`;
  return `${head}\ninfo:\n  title: Test API\n  version: 1.0.0\n${lines.map((l) => l.slice(indent)).join('\n')}`;
}

function matches(finding: AuditResult['findings'][number], e: ExpectedFinding): boolean {
  if (e.message !== undefined) {
    if (
      typeof e.message === 'string' ? !finding.message.includes(e.message) : !e.message.test(finding.message)
    ) {
      return false;
    }
  }
  if (e.pointer !== undefined && finding.location.document?.pointer !== e.pointer) return false;
  if (e.line !== undefined && finding.location.document?.line !== e.line) return false;
  if (e.severity !== undefined && finding.severity !== e.severity) return false;
  if (e.operations !== undefined) {
    const n = finding.relatedLocations?.length ?? (finding.location.method === undefined ? 0 : 1);
    if (n !== e.operations) return false;
  }
  return true;
}

function describeFindings(findings: AuditResult['findings']): string {
  return findings
    .map(
      (f) =>
        `  - [${f.severity}] ${f.message} @ ${f.location.document?.pointer} line ${f.location.document?.line}`,
    )
    .join('\n');
}

/** Runs each case with only `rule` enabled and checks its findings (and that the rule never throws). */
export function describeRule(rule: Rule, cases: readonly RuleCase[]): void {
  describe(`rule ${rule.id}`, () => {
    it('has a case that fires and a near miss that does not', () => {
      const fires = cases.some((c) => (typeof c.expect === 'number' ? c.expect > 0 : c.expect.length > 0));
      const misses = cases.some((c) =>
        typeof c.expect === 'number' ? c.expect === 0 : c.expect.length === 0,
      );
      expect(fires && misses, 'cases must include a firing case and a near miss').toBe(true);
    });

    const all: Array<RuleCase | { name: string; document: string; expect: 'some' }> = [...cases];
    if (rule.examples) {
      all.push({ name: 'docs example that fires', document: rule.examples.fires, expect: 'some' });
      all.push({ name: 'docs example that passes', document: rule.examples.passes, expect: 0 });
    }
    for (const c of all) {
      it(c.name, async () => {
        const result = await auditText(c.document, { rules: [rule] });
        expect(result.engineErrors).toEqual([]);
        const findings = [...result.findings, ...result.suppressed.map((s) => s.finding)];
        const listing = `findings were:\n${describeFindings(findings) || '  (none)'}`;
        if (c.expect === 'some') {
          expect(findings.length, listing).toBeGreaterThan(0);
        } else if (typeof c.expect === 'number') {
          expect(findings.length, listing).toBe(c.expect);
        } else {
          expect(findings.length, listing).toBe(c.expect.length);
          const unmatched = [...findings];
          for (const e of c.expect) {
            const i = unmatched.findIndex((f) => matches(f, e));
            expect(
              i,
              `no finding matches ${JSON.stringify(e, (_, v) => (v instanceof RegExp ? String(v) : v))}; ${listing}`,
            ).toBeGreaterThanOrEqual(0);
            unmatched.splice(i, 1);
          }
        }
      });
    }
  });
}
