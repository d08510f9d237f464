import type { Operation, Parameter } from '@rampart/openapi';
import { defineCheck } from '../define-check.js';
import { buildPooledInput, toRequestInput } from '../explore/build-pooled-input.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanResponse } from '../transport/scan-transport.js';

/** Parameters that size an answer: page sizes and periods. */
const QUANTITY =
  /^(limit|size|pagesize|perpage|per_page|count|max|maxresults|top|first|last|take|rows|months|days|weeks|years|hours|periods|range|depth|pages|items|results)$/i;
const HUGE = 10_000;
const MIN_ITEMS = 100;
const MIN_BYTES = 64 * 1024;

/** The answer's size: the longest JSON array (items), else lines of text, and bytes. */
function measure(response: ScanResponse): { items: number; bytes: number } {
  const bytes = response.body.length;
  try {
    let longest = 0;
    const stack: unknown[] = [JSON.parse(response.body)];
    let visited = 0;
    while (stack.length > 0 && visited++ < 2000) {
      const node = stack.pop();
      if (Array.isArray(node)) {
        longest = Math.max(longest, node.length);
        stack.push(...node.slice(0, 5));
      } else if (node !== null && typeof node === 'object') stack.push(...Object.values(node));
    }
    return { items: longest, bytes };
  } catch {
    return { items: response.body.split('\n').length - 1, bytes };
  }
}

function isQuantity(parameter: Parameter): boolean {
  const type = parameter.schema['type'];
  return (
    parameter.in === 'query' &&
    (type === 'integer' || type === 'number') &&
    QUANTITY.test(parameter.name.replace(/[-_]/g, ''))
  );
}

export const api4UnboundedPageSize = defineCheck({
  id: 'api4-unbounded-page-size',
  title: 'No upper bound on page size or export range',
  severity: 'medium',
  owasp: 'API4',
  cwe: 770,
  maxRequests: 60,
  description:
    'GET operations with a page-size or range parameter (limit, size, per_page, count, months, days, …) are ' +
    `called with the default and with ${HUGE}. A 2xx answer with more than ${MIN_ITEMS} items and more than the ` +
    `default (or, for text exports, more than 20 times the default bytes and at least ${MIN_BYTES / 1024} KiB) means ` +
    'a client decides how much work and data one request costs.',
  remediation:
    'Enforce a maximum page size and export range server-side (reject larger values with 400 or clamp them), ' +
    'document it as `maximum` in the description, and paginate large exports asynchronously.',
  async run(ctx) {
    const session = ctx.users[0] ?? ctx.admins[0] ?? ctx.anonymous;
    for (const operation of ctx.model.operations) {
      if (operation.method !== 'get' || operation.isWebhook) continue;
      if (!session.admin && looksAdminOnly(operation)) continue;
      for (const parameter of operation.parameters.filter(isQuantity)) {
        if (await probe(operation, parameter)) break;
      }
    }

    async function probe(operation: Operation, parameter: Parameter): Promise<boolean> {
      const input = buildPooledInput(operation, ctx.values, session.anonymous ? undefined : session.name);
      if (input === undefined) return false;
      const base = ctx.buildRequest(operation, toRequestInput(input));
      const huge = ctx.buildRequest(operation, {
        ...toRequestInput(input),
        query: { ...input.query, [parameter.name]: HUGE },
      });
      if (base === undefined || huge === undefined) return false;
      const normal = await session.send(base);
      if (!isSuccess(normal)) return false;
      const reference = measure(normal);
      const judge = (response: ScanResponse) => {
        if (!isSuccess(response)) return undefined;
        const size = measure(response);
        const manyItems = size.items > MIN_ITEMS && size.items > reference.items;
        const manyBytes =
          (response.truncated || size.bytes >= MIN_BYTES) && size.bytes > 20 * Math.max(1, reference.bytes);
        return manyItems || manyBytes ? size : undefined;
      };
      const response = await session.send(huge);
      const size = judge(response);
      if (size === undefined) return false;
      const maximum = parameter.schema['maximum'];
      return ctx.report({
        operation,
        message: `${operation.path}?${parameter.name}=${HUGE} answered ${response.status} with ${size.items} items${response.truncated ? ' (answer cut by the scanner)' : ''}, against ${reference.items} by default${typeof maximum === 'number' ? `; the description says maximum ${maximum}` : '; the description sets no maximum'}`,
        summary: `default: ${reference.items} items, ${reference.bytes} bytes; ${parameter.name}=${HUGE}: ${size.items} items, ${size.bytes}${response.truncated ? '+' : ''} bytes`,
        oracle: 'oversized-page-accepted',
        confidence: 'certain',
        snippet: `${parameter.name}=${HUGE}`,
        responses: [normal, response],
        tags: ['resource-consumption', 'pagination'],
        confirm: async () => judge(await session.send(huge)) !== undefined,
      });
    }
  },
});
