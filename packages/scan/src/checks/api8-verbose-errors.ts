import type { Operation } from '@rampart/openapi';
import { defineCheck } from '../define-check.js';
import { resolvePathValues } from '../explore/explore-api.js';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { matchErrorSignature } from '../match-error-signature.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

const MAX_PROBES = 40;
const BROKEN_JSON = '{"rampart": [1, 2';
const QUOTE_PAYLOADS = ["'", '"', 'rampart\'")'];

/** Query and path values that break parsers: quotes for strings, text for numbers. */
function* malformedRequests(
  operation: Operation,
  build: (
    op: Operation,
    input: { path?: Record<string, string | number>; query?: Record<string, string>; body?: unknown },
  ) => ScanRequest | undefined,
  path: Record<string, string | number>,
): Generator<ScanRequest> {
  for (const param of operation.parameters) {
    if (param.in !== 'query') continue;
    const numeric = param.schema['type'] === 'integer' || param.schema['type'] === 'number';
    for (const payload of numeric ? ["1'", 'NaN'] : QUOTE_PAYLOADS) {
      const request = build(operation, { path, query: { [param.name]: payload } });
      if (request) yield request;
    }
  }
}

export const api8VerboseErrors = defineCheck({
  id: 'api8-verbose-errors',
  title: 'Verbose errors expose internals',
  severity: 'medium',
  owasp: 'API8',
  cwe: 209,
  description:
    'Malformed input (broken JSON bodies; quotes and wrong types in query parameters) is sent to operations, ' +
    'and the answers are matched against a signature library of stack traces and database errors (Node.js, ' +
    'Java/Spring, Python/Django, PHP/Laravel, .NET, Go, Ruby, SQL). A signature that the normal answer of the ' +
    'same operation does not contain is a finding; one finding per stack, with every operation that shows it ' +
    'as a related location (one error handler, one root cause).',
  remediation:
    'Answer errors with a generic message and a correlation id; log the detail server-side. Turn off debug ' +
    'modes in production and never return exception messages, stacks or SQL text.',
  async run(ctx) {
    const session: IdentitySession = ctx.users[0] ?? ctx.admins[0] ?? ctx.anonymous;
    // One root cause (one stack's error handler) shows on many operations: collect, then report once per stack.
    const hits = new Map<
      string,
      Array<{ operation: Operation; request: ScanRequest; response: ScanResponse; match: string }>
    >();
    let probes = 0;
    for (const operation of ctx.model.operations) {
      if (operation.isWebhook || probes >= MAX_PROBES) continue;
      const path = operation.parameters.some((p) => p.in === 'path')
        ? resolvePathValues(operation, ctx.values, session.anonymous ? undefined : session.name, 1)[0]
        : {};
      if (path === undefined) continue;
      const requests: ScanRequest[] = [];
      if (
        operation.method !== 'get' &&
        !ctx.options.readOnly &&
        findJsonBodySchema(operation) !== undefined
      ) {
        const request = ctx.buildRequest(operation, { path, body: BROKEN_JSON });
        if (request) requests.push(request);
      }
      if (operation.method === 'get') requests.push(...malformedRequests(operation, ctx.buildRequest, path));
      for (const request of requests) {
        if (probes++ >= MAX_PROBES) break;
        const response = await session.send(request);
        const signature = matchErrorSignature(response.body);
        if (signature === undefined) continue;
        const baseline = ctx.baselines.find((b) => b.operation === operation && b.identity === session.name);
        if (baseline && matchErrorSignature(baseline.response.body)) continue;
        const list = hits.get(signature.stack) ?? [];
        if (!list.some((h) => h.operation === operation))
          list.push({ operation, request, response, match: signature.match });
        hits.set(signature.stack, list);
        break;
      }
    }
    for (const [stack, list] of hits) {
      // The first place is the finding's location; a POST with a broken body is the clearest reproduction.
      const ordered = [...list].sort(
        (a, b) => Number(a.operation.method === 'get') - Number(b.operation.method === 'get'),
      );
      const first = ordered[0]!;
      const others = ordered.slice(1);
      const places = ordered.map((h) => `${h.operation.method.toUpperCase()} ${h.operation.path}`);
      await ctx.report({
        operation: first.operation,
        message: `${places.length === 1 ? `${places[0]} answers` : `${places.length} operations (${places.slice(0, 4).join(', ')}${places.length > 4 ? ', …' : ''}) answer`} malformed input with ${stack} error detail (status ${first.response.status})`,
        summary: `the ${first.response.status} answer contains a ${stack} signature: ${first.match}${others.length > 0 ? `; the same on ${others.length} more operation${others.length === 1 ? '' : 's'} (related locations)` : ''}`,
        oracle: `error-signature:${stack.toLowerCase()}`,
        confidence: 'certain',
        snippet: first.match,
        severity: stack === 'SQL' ? 'high' : 'medium',
        responses: [first.response],
        tags: stack === 'SQL' ? ['verbose-error', 'injection'] : ['verbose-error'],
        related: others.map((h) => ({ operation: h.operation })),
        confirm: async () => matchErrorSignature((await session.send(first.request)).body) !== undefined,
      });
    }
  },
});
