import type { Operation } from '@rampart/openapi';
import { defineCheck } from '../define-check.js';
import { buildPooledInput, toRequestInput } from '../explore/build-pooled-input.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import { isSuccess } from '../transport/is-success.js';

const DEPTH = 10_000;
const MAX_OPERATIONS = 3;

/** `{"a":{"a":…}}` nested `depth` times, as text (never built as an object). */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export const api4InputBounds = defineCheck({
  id: 'api4-input-bounds',
  title: 'Input size limits not enforced',
  severity: 'low',
  owasp: 'API4',
  cwe: 1284,
  maxRequests: 40,
  description:
    'String query parameters with a maxLength get a value four times longer (GET only, nothing is stored); a ' +
    `JSON body that answers 2xx gets an extra property nested ${DEPTH} levels deep. Either accepted with 2xx, ` +
    'where 400/413 is expected, means the documented bounds are not enforced (and deep nesting can exhaust ' +
    'parser stacks).',
  remediation:
    'Validate requests against the description (maxLength, maxItems, maximum) before handling them, and cap ' +
    'body size and JSON nesting depth in the parser.',
  async run(ctx) {
    const session = ctx.users[0] ?? ctx.admins[0] ?? ctx.anonymous;
    const identity = session.anonymous ? undefined : session.name;
    const usable = (op: Operation) => !op.isWebhook && (session.admin || !looksAdminOnly(op));
    for (const operation of ctx.model.operations.filter((op) => op.method === 'get' && usable(op))) {
      for (const parameter of operation.parameters) {
        const max = parameter.schema['maxLength'];
        if (parameter.in !== 'query' || typeof max !== 'number' || max > 4096) continue;
        const input = buildPooledInput(operation, ctx.values, identity);
        if (input === undefined) continue;
        const long = 'a'.repeat(max * 4 + 8);
        const request = ctx.buildRequest(operation, {
          ...toRequestInput(input),
          query: { ...input.query, [parameter.name]: long },
        });
        if (request === undefined) continue;
        const response = await session.send(request);
        if (!isSuccess(response)) continue;
        await ctx.report({
          operation,
          message: `${operation.path} accepted ${parameter.name} of ${long.length} characters (${response.status}); the description allows ${max}`,
          summary: `maxLength ${max}, sent ${long.length}, answered ${response.status}`,
          oracle: 'bound-not-enforced',
          confidence: 'certain',
          snippet: `${parameter.name}: ${long.length} characters`,
          responses: [response],
          tags: ['resource-consumption', 'validation'],
          confirm: async () => isSuccess(await session.send(request)),
        });
        break;
      }
    }
    if (ctx.options.readOnly) return;
    let tried = 0;
    for (const operation of ctx.model.operations) {
      if (
        tried >= MAX_OPERATIONS ||
        operation.method === 'get' ||
        operation.method === 'delete' ||
        !usable(operation)
      )
        continue;
      const input = buildPooledInput(operation, ctx.values, identity);
      if (input?.body === undefined) continue;
      const normal = ctx.buildRequest(operation, toRequestInput(input));
      if (normal?.body === undefined) continue;
      tried++;
      const reference = await session.send(normal);
      if (!isSuccess(reference)) continue;
      const deep = {
        ...normal,
        body: `${normal.body.slice(0, -1)}${normal.body.length > 2 ? ',' : ''}"rampartDeep":${deepJson(DEPTH)}}`,
      };
      const response = await session.send(deep);
      if (!isSuccess(response)) continue;
      await ctx.report({
        operation,
        message: `${operation.method.toUpperCase()} ${operation.path} accepted a body nested ${DEPTH} levels deep (${response.status})`,
        summary: `an extra property nested ${DEPTH} levels deep (${deep.body.length} bytes) was accepted with ${response.status}, like the plain body`,
        oracle: 'deep-json-accepted',
        confidence: 'certain',
        snippet: `{"rampartDeep": {"a": {"a": … ${DEPTH} levels`,
        responses: [response],
        tags: ['resource-consumption', 'deep-json'],
        confirm: async () => isSuccess(await session.send(deep)),
      });
      return;
    }
  },
});
