import type { SourceLocation } from '@rampart/core';
import { type ApiModel, type JsonSchema, walkSchema } from '@rampart/openapi';
import { suggestRuleId } from './suggest-rule-id.js';

/** The extension that suppresses findings on a node and its descendants. */
export const SUPPRESSION_KEY = 'x-rampart-ignore';

/** One accepted `x-rampart-ignore` entry. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** JSON pointer (normalized document) of the node that carries it; '' for the document root. */
  readonly pointer: string;
}

/** A problem with the audit input that is not a security finding, e.g. a suppression without a reason. */
export interface AuditWarning {
  readonly code: 'suppression-without-reason' | 'suppression-unknown-rule' | 'suppression-malformed';
  readonly message: string;
  readonly location?: SourceLocation;
}

/** Every suppression of a document, indexed for the engine. */
export interface SuppressionIndex {
  /** Suppressions by the pointer of the node carrying them (normalized document). */
  readonly byPointer: ReadonlyMap<string, readonly Suppression[]>;
  /** Suppressions that apply to a resolved schema object (the schema carrying them and its inline subschemas). */
  readonly bySchema: ReadonlyMap<object, readonly Suppression[]>;
  readonly warnings: readonly AuditWarning[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A node of the document scan, linked to its parent so its pointer can be built when needed. */
interface PendingNode {
  readonly node: unknown;
  readonly parent: PendingNode | undefined;
  readonly key: string;
}

function pointerOf(entry: PendingNode): string {
  const tokens: string[] = [];
  for (let e: PendingNode | undefined = entry; e?.parent !== undefined; e = e.parent) {
    tokens.push(escapePointer(e.key));
  }
  return tokens.length === 0 ? '' : `/${tokens.reverse().join('/')}`;
}

/**
 * Reads every `x-rampart-ignore` of a model. Accepted forms, on any object of the document (root, path item,
 * operation, parameter, response, schema, security scheme…):
 *
 * ```yaml
 * x-rampart-ignore:
 *   - rule: string-without-max-length
 *     reason: free-text notes, validated server-side
 * x-rampart-ignore:
 *   string-without-max-length: free-text notes, validated server-side
 * ```
 *
 * A reason is required: an entry without one (or naming an unknown rule) is NOT applied and becomes a warning,
 * so nothing is hidden without an explanation.
 */
export function collectSuppressions(model: ApiModel, knownRuleIds: ReadonlySet<string>): SuppressionIndex {
  const byPointer = new Map<string, Suppression[]>();
  const warnings: AuditWarning[] = [];

  const parse = (value: unknown, pointer: string, silent = false): Suppression[] => {
    const where = `${SUPPRESSION_KEY} at "${pointer || '/'}"`;
    const warn = (code: AuditWarning['code'], message: string) => {
      if (silent) return;
      const location = model.locatePointer(pointer);
      warnings.push(location === undefined ? { code, message } : { code, message, location });
    };
    const entries: Array<[unknown, unknown]> = [];
    if (Array.isArray(value)) {
      for (const item of value) {
        if (isRecord(item)) entries.push([item['rule'], item['reason']]);
        else entries.push([item, undefined]);
      }
    } else if (isRecord(value)) {
      for (const [rule, reason] of Object.entries(value)) entries.push([rule, reason]);
    } else {
      warn(
        'suppression-malformed',
        `${where} must be a list of { rule, reason } or a map of rule id to reason, got ${JSON.stringify(value)}`,
      );
      return [];
    }
    const accepted: Suppression[] = [];
    for (const [rule, reason] of entries) {
      if (typeof rule !== 'string' || rule.length === 0) {
        warn('suppression-malformed', `${where}: an entry has no rule id; write { rule: <id>, reason: "…" }`);
        continue;
      }
      if (!knownRuleIds.has(rule)) {
        const suggestion = suggestRuleId(rule, knownRuleIds);
        warn(
          'suppression-unknown-rule',
          `${where}: unknown rule id "${rule}"${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`,
        );
        continue;
      }
      if (typeof reason !== 'string' || reason.trim().length === 0) {
        warn(
          'suppression-without-reason',
          `${where}: suppression of "${rule}" has no reason, so it is not applied; add reason: "<why this is acceptable>"`,
        );
        continue;
      }
      accepted.push({ ruleId: rule, reason: reason.trim(), pointer });
    }
    return accepted;
  };

  // The normalized document is a tree ($refs still in place): an iterative scan finds every suppression. A
  // node's pointer is built from parent links only where a suppression is found (large documents have
  // hundreds of thousands of nodes and usually no suppression at all).
  // Most descriptions have no suppression at all: the loader can tell from the source text, without a walk.
  const stack: PendingNode[] =
    model.mayHaveMember?.(SUPPRESSION_KEY) === false
      ? []
      : [{ node: model.document, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const node = entry.node;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const child: unknown = node[i];
        if (typeof child === 'object' && child !== null)
          stack.push({ node: child, parent: entry, key: String(i) });
      }
    } else if (isRecord(node)) {
      for (const key of Object.keys(node)) {
        const child = node[key];
        if (key === SUPPRESSION_KEY) {
          const pointer = pointerOf(entry);
          const accepted = parse(child, pointer);
          if (accepted.length > 0) byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), ...accepted]);
        } else if (typeof child === 'object' && child !== null) {
          stack.push({ node: child, parent: entry, key });
        }
      }
    }
  }

  const bySchema = new Map<object, Suppression[]>();
  if (byPointer.size > 0) {
    indexSchemaSuppressions(model, bySchema, (schema, pointer) =>
      parse(schema[SUPPRESSION_KEY], pointer, true),
    );
  }
  return { byPointer, bySchema, warnings };
}

/**
 * Resolved schemas are other objects than the normalized document's nodes: find those carrying a suppression
 * and extend it to their inline subschemas (those located lexically inside them), not to schemas they `$ref`.
 */
function indexSchemaSuppressions(
  model: ApiModel,
  bySchema: Map<object, Suppression[]>,
  parse: (schema: JsonSchema, pointer: string) => Suppression[],
): void {
  const roots: JsonSchema[] = model.schemas.map((s) => s.schema);
  for (const operation of [...model.operations, ...model.webhooks]) {
    for (const p of operation.parameters) roots.push(p.schema);
    for (const m of operation.requestBody?.content ?? []) if (m.schema) roots.push(m.schema);
    for (const r of operation.responses) {
      for (const m of r.content) if (m.schema) roots.push(m.schema);
      for (const h of r.headers) roots.push(h.schema);
    }
  }
  const carriers: JsonSchema[] = [];
  const seen = new Set<object>();
  for (const root of roots) {
    walkSchema(root, (schema) => {
      if (seen.has(schema)) return 'skip';
      seen.add(schema);
      if (schema[SUPPRESSION_KEY] !== undefined) carriers.push(schema);
      return undefined;
    });
  }
  for (const carrier of carriers) {
    const at = model.locate(carrier);
    const prefix = at?.pointer ?? '';
    const list = parse(carrier, prefix);
    if (list.length === 0) continue;
    walkSchema(carrier, (schema) => {
      if (schema !== carrier) {
        const inner = model.locate(schema);
        if (inner?.file !== at?.file || !(inner?.pointer ?? '').startsWith(`${prefix}/`)) return 'skip';
      }
      bySchema.set(schema, [...(bySchema.get(schema) ?? []), ...list]);
      return undefined;
    });
  }
}
