import {
  compareSeverityDesc,
  type Finding,
  type FindingLocation,
  fingerprintFinding,
  type Severity,
  type SourceLocation,
} from '@rampart/core';
import type { ApiModel, Operation } from '@rampart/openapi';
import { type AuditWarning, collectSuppressions, type Suppression } from './collect-suppressions.js';
import type { Rule, RuleReport } from './define-rule.js';
import { locatePointer } from './inspect/locate-pointer.js';
import { BUILT_IN_RULES } from './rules/index.js';
import { type AuditScore, scoreAudit } from './score-audit.js';
import { type RuleSelection, selectRules } from './select-rules.js';

/** How to run an audit. */
export interface AuditOptions extends RuleSelection {
  /** The rule set to select from; default `BUILT_IN_RULES`. */
  readonly rules?: readonly Rule[];
}

/** A rule that threw: recorded, never fatal, never silent. */
export interface EngineError {
  readonly ruleId: string;
  readonly message: string;
}

/** A finding hidden by `x-rampart-ignore`, with the reason given there. */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly reason: string;
}

/**
 * One rule's checks on the audited document: one per operation for an operation-scoped rule (`RuleMeta.scope`),
 * one for the whole document otherwise. A rule that threw has none (it is an `EngineError`).
 */
export interface AuditCheck {
  readonly ruleId: string;
  /** The operations the rule judged, each one check (the model's own list, not a copy); absent for `document`. */
  readonly operations?: readonly Operation[];
}

/** Everything one audit produced. */
export interface AuditResult {
  readonly model: ApiModel;
  /** Unsuppressed findings, most severe first, then by file position. */
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
  readonly engineErrors: EngineError[];
  /** Problems with the audit input that are not findings (e.g. a suppression without reason, not applied). */
  readonly warnings: AuditWarning[];
  readonly rulesRun: Rule[];
  /** What was checked, rule by rule in the order run: the (rule, operation) pairs, for JUnit's passing cases. */
  readonly checked: AuditCheck[];
  /** Wall time per rule, in the order run (for `--timings` and the benchmarks). */
  readonly timings: { readonly ruleId: string; readonly ms: number }[];
  readonly score: AuditScore;
  readonly durationMs: number;
}

interface PendingGroup {
  readonly rule: Rule;
  readonly first: RuleReport;
  readonly operations: Operation[];
  /** Index of `operations`, built once the list outgrows a linear `includes`. */
  seen: Set<Operation> | undefined;
  readonly suppression: Suppression | undefined;
}

const MAX_LISTED_OPERATIONS = 3;
/** Below this many operations a group checks duplicates with `includes` instead of keeping a Set. */
const LINEAR_LIMIT = 16;
/** The same order as `String.prototype.localeCompare` (same default locale), without re-creating a collator. */
const collator = new Intl.Collator();

function addOperation(group: PendingGroup, op: Operation): void {
  if (group.seen === undefined) {
    if (group.operations.includes(op)) return;
    group.operations.push(op);
    if (group.operations.length > LINEAR_LIMIT) group.seen = new Set(group.operations);
    return;
  }
  if (group.seen.has(op)) return;
  group.seen.add(op);
  group.operations.push(op);
}

/**
 * Runs the selected rules over a model and returns findings, suppressed findings, engine errors and the score.
 *
 * - Severity of a finding: `severityOverrides[rule]` > the report's own > the rule's default.
 * - Reports of one rule with the same `node` and message are grouped into one finding whose
 *   `relatedLocations` list every operation concerned.
 * - A rule that throws becomes an `engineErrors` entry naming it; its reports made before the throw are kept.
 * - `x-rampart-ignore` suppressions (see `collectSuppressions`) move findings to `suppressed` with their reason.
 *
 * Throws `RAMPART_ERR_USAGE` for unknown rule ids in `enable`/`disable`/`severityOverrides`.
 */
export function auditModel(model: ApiModel, options: AuditOptions = {}): AuditResult {
  const started = performance.now();
  const allRules = options.rules ?? BUILT_IN_RULES;
  const rulesRun = selectRules(allRules, options);
  const suppressions = collectSuppressions(model, new Set(allRules.map((r) => r.id)));
  const overrides = options.severityOverrides ?? {};

  // Groups in creation order (ties in the final sort keep it); per rule, indexed by node, then by message.
  const groups: PendingGroup[] = [];
  const engineErrors: EngineError[] = [];
  const timings: { ruleId: string; ms: number }[] = [];
  const checked: AuditCheck[] = [];

  for (const rule of rulesRun) {
    const ruleStarted = performance.now();
    const byNode = new Map<object, Map<string, PendingGroup>>();
    const report = (r: RuleReport) => {
      const suppression = findSuppression(rule.id, r, suppressions);
      let group: PendingGroup | undefined;
      let byMessage: Map<string, PendingGroup> | undefined;
      const key = suppression === undefined ? r.message : `\u0000${r.message}`;
      if (r.node !== undefined) {
        byMessage = byNode.get(r.node);
        if (byMessage === undefined) {
          byMessage = new Map();
          byNode.set(r.node, byMessage);
        }
        group = byMessage.get(key);
      }
      if (group === undefined) {
        group = { rule, first: r, operations: [], seen: undefined, suppression };
        groups.push(group);
        byMessage?.set(key, group);
      }
      if (r.operation !== undefined) addOperation(group, r.operation);
      if (r.relatedOperations !== undefined) for (const op of r.relatedOperations) addOperation(group, op);
    };
    try {
      rule.check({ model, report });
      checked.push(
        rule.scope === 'operation' ? { ruleId: rule.id, operations: model.operations } : { ruleId: rule.id },
      );
    } catch (error) {
      engineErrors.push({
        ruleId: rule.id,
        message: `rule ${rule.id} failed on ${model.file}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    timings.push({ ruleId: rule.id, ms: performance.now() - ruleStarted });
  }

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const locations = new Map<Operation, FindingLocation>();
  const locateOperation = (op: Operation) => {
    let l = locations.get(op);
    if (l === undefined) {
      l = operationLocation(model, op);
      locations.set(op, l);
    }
    return l;
  };
  for (const group of groups) {
    const finding = toFinding(model, group, overrides[group.rule.id], locateOperation);
    if (group.suppression === undefined) findings.push(finding);
    else suppressed.push({ finding, reason: group.suppression.reason });
  }
  findings.sort(compareFindings);
  suppressed.sort((a, b) => compareFindings(a.finding, b.finding));

  return {
    model,
    findings,
    suppressed,
    engineErrors,
    warnings: [...suppressions.warnings],
    rulesRun,
    checked,
    timings,
    score: scoreAudit(findings, model),
    durationMs: performance.now() - started,
  };
}

function compareText(a: string, b: string): number {
  return a === b ? 0 : collator.compare(a, b);
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverityDesc(a.severity, b.severity) ||
    compareText(a.location.document?.file ?? '', b.location.document?.file ?? '') ||
    (a.location.document?.line ?? 0) - (b.location.document?.line ?? 0) ||
    (a.location.document?.column ?? 0) - (b.location.document?.column ?? 0) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

function pointerOf(node: object | undefined): string | undefined {
  if (node === undefined) return undefined;
  const pointer = (node as { pointer?: unknown }).pointer;
  return typeof pointer === 'string' ? pointer : undefined;
}

function covers(suppressionPointer: string, pointer: string | undefined): boolean {
  return (
    pointer !== undefined &&
    (suppressionPointer === '' ||
      pointer === suppressionPointer ||
      pointer.startsWith(`${suppressionPointer}/`))
  );
}

function findSuppression(
  ruleId: string,
  report: RuleReport,
  index: ReturnType<typeof collectSuppressions>,
): Suppression | undefined {
  if (index.byPointer.size === 0) return undefined;
  const node = report.node;
  if (node !== undefined) {
    const onSchema = index.bySchema.get(node)?.find((s) => s.ruleId === ruleId);
    if (onSchema) return onSchema;
  }
  const pointers = [report.pointer, pointerOf(node), report.operation?.pointer];
  for (const [at, list] of index.byPointer) {
    for (const s of list) {
      if (s.ruleId === ruleId && pointers.some((p) => covers(at, p))) return s;
    }
  }
  return undefined;
}

function operationLocation(model: ApiModel, operation: Operation): FindingLocation {
  const document = locatePointer(model, operation.pointer);
  return {
    ...(document === undefined ? {} : { document }),
    method: operation.method.toUpperCase(),
    path: operation.path,
    ...(operation.operationId === undefined ? {} : { operationId: operation.operationId }),
  };
}

function toFinding(
  model: ApiModel,
  group: PendingGroup,
  override: Severity | undefined,
  locateOperation: (op: Operation) => FindingLocation,
): Finding {
  const { rule, first: report } = group;
  const operations =
    group.operations.length < 2
      ? group.operations
      : group.operations.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const primary = report.operation ?? operations[0];
  const pointer = report.pointer ?? pointerOf(report.node) ?? primary?.pointer;
  const document: SourceLocation = (report.node === undefined ? undefined : model.locate(report.node)) ??
    (pointer === undefined ? undefined : locatePointer(model, pointer)) ?? {
      file: model.file,
      ...(pointer === undefined ? {} : { pointer }),
    };
  const location: FindingLocation = {
    document,
    ...(primary === undefined
      ? {}
      : {
          method: primary.method.toUpperCase(),
          path: primary.path,
          ...(primary.operationId === undefined ? {} : { operationId: primary.operationId }),
        }),
  };
  const grouped = operations.length > 1;
  let message = report.message;
  let summary = report.message;
  if (grouped) {
    const listed = operations.slice(0, MAX_LISTED_OPERATIONS).map((o) => o.key);
    const more = operations.length - listed.length;
    message = `${report.message} (in ${operations.length} operations: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
    summary = `${rule.title}: one root cause shared by ${operations.length} operations.`;
  }
  const severity = override ?? report.severity ?? rule.severity;
  // A finding about a located node is fingerprinted by the node alone, so adding an operation that uses the
  // same schema does not turn an accepted (baselined) finding into a new one.
  const byNode = report.node !== undefined && document.pointer !== undefined;
  const fingerprint = fingerprintFinding({
    ruleId: rule.id,
    location: byNode ? { document: { file: document.file, pointer: document.pointer } } : location,
  });
  return {
    ruleId: rule.id,
    source: 'audit',
    title: rule.title,
    message,
    severity,
    confidence: report.confidence ?? rule.confidence ?? 'firm',
    owasp: rule.owasp,
    cwe: rule.cwe,
    location,
    ...(grouped ? { relatedLocations: operations.map(locateOperation) } : {}),
    evidence: { summary, ...(report.snippet === undefined ? {} : { snippet: report.snippet }) },
    remediation: rule.remediation,
    ...(rule.tags === undefined ? {} : { tags: rule.tags }),
    fingerprint,
  };
}
