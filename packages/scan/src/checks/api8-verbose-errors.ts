import type { Operation } from '@rampart/openapi';
import { defineCheck } from '../define-check.js';
import { resolvePathValues } from '../explore/explore-api.js';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { matchErrorSignature } from '../match-error-signature.js';
import type { ScanRequest } from '../transport/scan-transport.js';

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
    'same operation does not contain is a finding.',
  remediation:
    'Answer errors with a generic message and a correlation id; log the detail server-side. Turn off debug ' +
    'modes in production and never return exception messages, stacks or SQL text.',
  async run(ctx) {
    const session: IdentitySession = ctx.users[0] ?? ctx.admins[0] ?? ctx.anonymous;
    const reported = new Set<string>();
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
        if (probes++ >= MAX_PROBES || reported.has(operation.key)) break;
        const response = await session.send(request);
        const signature = matchErrorSignature(response.body);
        if (signature === undefined) continue;
        const baseline = ctx.baselines.find((b) => b.operation === operation && b.identity === session.name);
        if (baseline && matchErrorSignature(baseline.response.body)) continue;
        reported.add(operation.key);
        await ctx.report({
          operation,
          message: `${operation.method.toUpperCase()} ${operation.path} answered malformed input with a ${signature.stack} error detail (status ${response.status})`,
          summary: `the ${response.status} answer contains a ${signature.stack} signature: ${signature.match}`,
          oracle: `error-signature:${signature.stack.toLowerCase()}`,
          confidence: 'certain',
          snippet: signature.match,
          severity: signature.stack === 'SQL' ? 'high' : 'medium',
          responses: [response],
          tags: signature.stack === 'SQL' ? ['verbose-error', 'injection'] : ['verbose-error'],
          confirm: async () => matchErrorSignature((await session.send(request)).body) !== undefined,
        });
      }
    }
  },
});
