import type { HttpExchange, Severity } from '@rampart/core';
import {
  compileValidators,
  createOperationIndex,
  type Operation,
  type OperationIndex,
  type ValidatorFactory,
} from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { collectSchemaProperties } from '../collect-schema-properties.js';
import { defineCheck } from '../define-check.js';
import { findResponseSchema } from '../find-response-schema.js';
import type { ScanResponse } from '../transport/scan-transport.js';

/** One difference between an observed answer and the description. */
interface Drift {
  readonly kind: 'status' | 'content-type' | 'schema' | 'undocumented-field';
  readonly severity: Severity;
  readonly text: string;
  readonly seen: Observation;
}

/** One answer of an operation the scan has seen. */
interface Observation {
  /** Who got it (`scan` for answers taken from the exchange log, whose identity is not recorded). */
  readonly identity: string;
  readonly operation: Operation;
  readonly response: ScanResponse;
  /**
   * True for exploration baselines: the body is whole and unredacted (schema and fields are validated) and
   * the request can be re-sent. Logged exchanges are redacted and cut: only status and content type count.
   */
  readonly whole: boolean;
}

const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
const MAX_SHOWN = 4;
const MAX_RELATED = 50;
const MAX_OPERATION_FINDINGS = 10;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

// Validators compile lazily per operation; one factory (and one index) per model serves every scan of it.
const factories = new WeakMap<object, Validators>();

/**
 * Full validators for whole answers, and status/content-type-only ones (no response schemas compiled, the
 * bulk of the compile time) for logged exchanges, whose bodies cannot be schema-validated anyway.
 */
interface Validators {
  readonly whole: ValidatorFactory;
  readonly logged: ValidatorFactory;
}
const indexes = new WeakMap<object, OperationIndex>();

/** The logged exchanges with the target that match a documented operation, as observations. */
function observeExchanges(ctx: CheckContext, exchanges: readonly HttpExchange[]): Observation[] {
  let index = indexes.get(ctx.model);
  if (index === undefined) {
    index = createOperationIndex(ctx.model.operations.filter((op) => !op.isWebhook));
    indexes.set(ctx.model, index);
  }
  const target = new URL(ctx.target);
  const basePath = target.pathname.replace(/\/+$/, '');
  const out: Observation[] = [];
  for (const { request, response } of exchanges) {
    if (response === undefined) continue;
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      continue;
    }
    if (url.origin !== target.origin || !url.pathname.startsWith(basePath)) continue;
    const match = index.match(request.method, url.pathname.slice(basePath.length) || '/');
    if (match === undefined) continue;
    out.push({
      identity: 'scan',
      operation: match.operation,
      whole: false,
      response: {
        status: response.status,
        headers: response.headers,
        setCookies: [],
        body: response.body ?? '',
        truncated: true,
        durationMs: response.durationMs ?? 0,
        request: {
          method: request.method,
          url: request.url,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
        },
      },
    });
  }
  return out;
}

function parseBody(response: ScanResponse): unknown {
  if (response.body === '') return undefined;
  if (!JSON_TYPE.test(response.headers['content-type'] ?? '')) return response.body;
  try {
    return JSON.parse(response.body);
  } catch {
    return response.body;
  }
}

/**
 * Fields of a JSON answer (top level and list items, one level down) that a closed response schema does not
 * document. Open schemas (`additionalProperties`) and schemas without properties document nothing to compare.
 */
function undocumentedFields(operation: Operation, body: unknown): string[] {
  const schema = findResponseSchema(operation);
  if (schema === undefined) return [];
  const { properties, open } = collectSchemaProperties(schema);
  if (open || properties.size === 0) return [];
  const records = (Array.isArray(body) ? body.slice(0, 20) : [body]).filter(
    (o): o is Record<string, unknown> => o !== null && typeof o === 'object' && !Array.isArray(o),
  );
  const out = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) if (!properties.has(key)) out.add(key);
  return [...out];
}

/** Everything the recorded answers of one operation show against its description. */
function findDrift(ctx: CheckContext, validators: Validators, observations: readonly Observation[]): Drift[] {
  const out: Drift[] = [];
  const texts = new Set<string>();
  for (const seen of observations) {
    const { operation, response } = seen;
    if (response.status === 429 || operation.responses.length === 0) continue;
    let issues: ReturnType<ReturnType<ValidatorFactory>['validateResponse']>;
    try {
      // A cut or redacted JSON body cannot be schema-validated: only its status (and a non-JSON type) counts.
      const body =
        seen.whole && !response.truncated
          ? parseBody(response)
          : JSON_TYPE.test(response.headers['content-type'] ?? '') || response.body === ''
            ? undefined
            : response.body;
      issues = (seen.whole ? validators.whole : validators.logged)(operation).validateResponse(
        response.status,
        response.headers['content-type'],
        body,
      );
    } catch {
      return out; // a schema that does not compile is the static audit's finding, not drift
    }
    const add = (drift: Omit<Drift, 'seen'>) => {
      if (texts.has(drift.text)) return;
      texts.add(drift.text);
      out.push({ ...drift, seen });
    };
    for (const issue of issues) {
      if (/^response status \d+ is not described/.test(issue.message)) {
        // Undocumented refusals (401, 404) are common and say little; an undocumented 5xx or success says more.
        add({
          kind: 'status',
          severity: response.status >= 400 && response.status < 500 ? 'info' : 'low',
          text: issue.message,
        });
      } else if (/content type|no content type/.test(issue.message)) {
        add({ kind: 'content-type', severity: 'low', text: issue.message });
      } else {
        add({ kind: 'schema', severity: 'low', text: issue.message });
      }
    }
    const alreadyApi3 = ctx.findings.some(
      (f) =>
        f.ruleId.startsWith('api3-') &&
        f.location.method === operation.method.toUpperCase() &&
        f.location.path === operation.path,
    );
    if (
      !alreadyApi3 &&
      seen.whole &&
      response.status >= 200 &&
      response.status < 300 &&
      !response.truncated
    ) {
      const fields = undocumentedFields(operation, parseBody(response));
      if (fields.length > 0)
        add({
          kind: 'undocumented-field',
          severity: 'info',
          text: `undocumented response fields: ${fields.slice(0, 8).join(', ')}`,
        });
    }
  }
  return out;
}

/**
 * A re-confirmation for evidence that can be repeated safely: a GET from exploration, re-sent as the same
 * identity, must drift the same way. Logged exchanges (redacted) and other methods are observations only.
 */
function reconfirm(
  ctx: CheckContext,
  validators: Validators,
  evidence: Observation,
  kind: Drift['kind'],
): { confirm?: () => Promise<boolean> } {
  const session = ctx.identities.find((s) => s.name === evidence.identity);
  if (evidence.operation.method !== 'get' || !evidence.whole || session === undefined) return {};
  return {
    confirm: async () => {
      const response = await session.send(evidence.response.request);
      return findDrift(ctx, validators, [{ ...evidence, response }]).some((d) => d.kind === kind);
    },
  };
}

const worst = (drifts: readonly Drift[]): Severity =>
  drifts.reduce<Severity>(
    (max, d) => (SEVERITY_ORDER.indexOf(d.severity) > SEVERITY_ORDER.indexOf(max) ? d.severity : max),
    'info',
  );

export const api9SpecDrift = defineCheck({
  id: 'api9-spec-drift',
  title: 'Responses differ from the API description',
  severity: 'low',
  owasp: 'API9',
  cwe: 1059,
  maxRequests: 40,
  description:
    'The answers the scan already has (exploration baselines of every identity, and the exchange log of the ' +
    'checks that ran before) are validated against the ' +
    'description with the same compiled validators the gateway uses: undocumented status codes (an ' +
    'undocumented 5xx or success is low, an undocumented 4xx info), content types the operation does not ' +
    'describe, bodies that violate the response schema, and fields a closed schema does not document (left ' +
    'to the API3 checks when they already reported the operation). One finding per operation for the first ' +
    '10 operations with drift; the rest, and operations with informational drift only, are grouped. ' +
    'Nothing new is sent, except that GET ' +
    'evidence from exploration is re-requested once to confirm.',
  remediation:
    'Keep the description and the implementation generated from one source or tested against each other ' +
    '(contract tests): document every status code and content type an operation can answer, and make the ' +
    'schemas match what is returned.',
  async run(ctx) {
    let validators = factories.get(ctx.model);
    if (validators === undefined) {
      validators = {
        whole: compileValidators(ctx.model),
        logged: compileValidators(ctx.model, { responses: false }),
      };
      factories.set(ctx.model, validators);
    }
    const byOperation = new Map<Operation, Observation[]>();
    const observations: Observation[] = [
      ...ctx.baselines.map((b) => ({ ...b, whole: true })),
      ...observeExchanges(ctx, ctx.exchanges ?? []),
    ];
    for (const seen of observations) {
      if (seen.operation.isWebhook) continue;
      const list = byOperation.get(seen.operation) ?? [];
      list.push(seen);
      byOperation.set(seen.operation, list);
    }
    // One finding per operation (the engine keeps one per check and place). Operations beyond the first few,
    // and those with informational drift only, are grouped so a large API yields a bounded number of findings.
    const minor: Array<{ operation: Operation; drifts: Drift[] }> = [];
    const overflow: Array<{ operation: Operation; drifts: Drift[] }> = [];
    let reported = 0;
    for (const [operation, seen] of byOperation) {
      const drifts = findDrift(ctx, validators, seen);
      if (drifts.length === 0) continue;
      const severity = worst(drifts);
      if (severity === 'info') {
        minor.push({ operation, drifts });
        continue;
      }
      if (reported >= MAX_OPERATION_FINDINGS) {
        overflow.push({ operation, drifts });
        continue;
      }
      const telling = drifts.filter((d) => d.severity === severity);
      const evidence = telling[0]!.seen;
      const where = `${operation.method.toUpperCase()} ${operation.path}`;
      const shown = [...telling, ...drifts.filter((d) => d.severity !== severity)].slice(0, MAX_SHOWN);
      const done = await ctx.report({
        operation,
        message: `${where} answers differently from its description: ${shown.map((d) => `${d.text} (${d.seen.whole ? `as ${d.seen.identity}` : 'during the checks'})`).join('; ')}${drifts.length > MAX_SHOWN ? `; and ${drifts.length - MAX_SHOWN} more` : ''}`,
        summary: `${drifts.length} difference(s) between the recorded answers of ${where} and the description (${[...new Set(drifts.map((d) => d.kind))].join(', ')})`,
        oracle: `spec-drift:${telling[0]!.kind}`,
        confidence: 'firm',
        severity,
        responses: [...new Set(telling.map((d) => d.seen.response))].slice(0, 3),
        tags: ['inventory', 'spec-drift', ...new Set(drifts.map((d) => d.kind))],
        ...reconfirm(ctx, validators, evidence, telling[0]!.kind),
      });
      if (done) reported++;
    }
    for (const [group, severity] of [
      [overflow, 'low'],
      [minor, 'info'],
    ] as const) {
      const first = group[0];
      if (first === undefined) continue;
      const kinds = [...new Set(group.flatMap((m) => m.drifts.map((d) => d.kind)))];
      await ctx.report({
        operation: first.operation,
        message: `${group.length} ${severity === 'low' ? 'more ' : ''}operation(s) answer differently from their description${severity === 'info' ? ' (undocumented refusals or fields)' : ''}: ${group
          .slice(0, MAX_SHOWN)
          .map((m) => `${m.operation.method.toUpperCase()} ${m.operation.path} (${m.drifts[0]!.text})`)
          .join('; ')}${group.length > MAX_SHOWN ? `; and ${group.length - MAX_SHOWN} more` : ''}`,
        summary: `drift (${kinds.join(', ')}) in the recorded answers of ${group.length} operation(s)`,
        oracle: severity === 'low' ? 'spec-drift:grouped' : 'spec-drift:informational',
        confidence: 'firm',
        severity,
        responses: [first.drifts[0]!.seen.response],
        tags: ['inventory', 'spec-drift', ...kinds],
        related: group.slice(1, MAX_RELATED + 1).map((m) => ({ operation: m.operation })),
      });
    }
  },
});
