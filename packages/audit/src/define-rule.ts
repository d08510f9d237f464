import type { Confidence, OwaspCategory, Severity } from '@rampart/core';
import type { ApiModel, Operation } from '@rampart/openapi';

/** What a rule is: stable metadata shown in reports and docs. Ids are contracts: never reused or renamed. */
export interface RuleMeta {
  /** Stable kebab-case id, e.g. `write-operation-without-security`. */
  readonly id: string;
  /** Short title, e.g. "Write operation without authentication". */
  readonly title: string;
  /** Default severity; `rampart.yaml` can override it per rule. */
  readonly severity: Severity;
  readonly owasp: OwaspCategory;
  /** CWE number (e.g. 306 for CWE-306). */
  readonly cwe: number;
  /** The risk, in a few sentences a developer understands: what an attacker does with it. */
  readonly description: string;
  /** What to change in the description (or the API) to fix it. */
  readonly remediation: string;
  /** Default confidence of its findings. */
  readonly confidence?: Confidence;
  readonly tags?: readonly string[];
  /**
   * A minimal description that makes the rule fire and its near miss that must not (YAML or JSON text). The
   * generated docs page shows them, and `describeRule` runs them as test cases, so they cannot go stale.
   */
  readonly examples?: RuleExamples;
  /**
   * What one check of the rule judges: `operation` when it judges each operation of the description on its own
   * (its inputs, outputs, security, callbacks...), so that every operation is one check that passes or fails;
   * `document` when it judges the description as a whole (servers, security schemes, info...). JUnit reports
   * list one test case per check. Default `document`, which never claims more checks than ran.
   */
  readonly scope?: RuleScope;
}

/** See `RuleMeta.scope`. */
export type RuleScope = 'operation' | 'document';

/** Two short API descriptions: one the rule reports, one it must leave alone. */
export interface RuleExamples {
  readonly fires: string;
  readonly passes: string;
}

/** One problem a rule found. The engine turns it into a `Finding` with location, fingerprint and metadata. */
export interface RuleReport {
  /** Specific: names the operation, property, value. */
  readonly message: string;
  /**
   * The node the finding is about (an object from the model: schema, operation's parameter schema, security
   * scheme…). The engine locates it via `model.locate`, else via the node's own `pointer` field (model objects
   * such as `Parameter`, `Response`, `SecurityScheme` carry one). Give `pointer` instead when there is no object.
   *
   * Grouping: reports of one rule with the same `node` (object identity) AND the same `message` become one
   * finding that lists every operation concerned. So a message about a shared schema must describe the schema,
   * not the operation (pass the operation in `operation`); the engine adds "in N operations".
   */
  readonly node?: object;
  /** JSON pointer into the normalized document, used when `node` is absent or cannot be located. */
  readonly pointer?: string;
  /** The operation concerned, if any. */
  readonly operation?: Operation;
  /**
   * Further operations with the same root cause (e.g. all operations using one schema). Findings of one rule with
   * the same `node` are grouped by the engine automatically; use this when grouping yourself.
   */
  readonly relatedOperations?: readonly Operation[];
  /** The offending value or snippet, e.g. the regex, the property name. Never a secret. */
  readonly snippet?: string;
  /** Overrides the rule's severity for this finding (e.g. HTTP Basic over plain http is worse). */
  readonly severity?: Severity;
  readonly confidence?: Confidence;
}

export interface RuleContext {
  readonly model: ApiModel;
  report(report: RuleReport): void;
}

export interface Rule extends RuleMeta {
  /** Runs over the whole model and calls `context.report` for every problem. Must not throw on odd documents. */
  check(context: RuleContext): void;
}

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Declares a rule. Validates its metadata at construction so a bad rule fails at start-up, not in a report. */
export function defineRule(rule: Rule): Rule {
  if (rule.scope !== undefined && rule.scope !== 'operation' && rule.scope !== 'document')
    throw new TypeError(
      `rule ${rule.id}: scope must be "operation" or "document", got ${JSON.stringify(rule.scope)}`,
    );
  if (!RULE_ID.test(rule.id)) throw new TypeError(`rule id "${rule.id}" must be kebab-case`);
  if (!Number.isInteger(rule.cwe) || rule.cwe <= 0)
    throw new TypeError(`rule ${rule.id}: cwe must be a positive integer`);
  if (rule.description.length < 40) throw new TypeError(`rule ${rule.id}: description must explain the risk`);
  if (rule.remediation.length < 20)
    throw new TypeError(`rule ${rule.id}: remediation must say how to fix it`);
  return Object.freeze(rule);
}
