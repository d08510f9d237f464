import { defineCheck } from '../define-check.js';
import { resolvePathValues } from '../explore/explore-api.js';
import { measureSimilarity } from '../measure-similarity.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanResponse } from '../transport/scan-transport.js';

const OVERRIDE_HEADERS = ['X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override'];
const MAX_PATHS = 3;

export const api5MethodOverride = defineCheck({
  id: 'api5-method-override',
  title: 'HTTP method override headers honoured',
  severity: 'medium',
  owasp: 'API5',
  cwe: 650,
  description:
    'On paths that answer GET but not POST, a POST is sent with X-HTTP-Method-Override (and its variants) ' +
    'naming GET. When it answers like the GET while a plain POST is refused, any method can be smuggled ' +
    'through POST past method-based access rules (and a DELETE the same way). Needs a scan that is not read-only.',
  remediation:
    'Ignore method-override headers, or honour them only behind an allow-list of routes and apply ' +
    'authorization to the overridden method.',
  async run(ctx) {
    if (ctx.options.readOnly) return;
    const session = ctx.users[0] ?? ctx.admins[0] ?? ctx.anonymous;
    let tried = 0;
    for (const get of ctx.model.operations) {
      if (tried >= MAX_PATHS) return;
      if (get.method !== 'get' || get.isWebhook) continue;
      if (ctx.model.operations.some((op) => op.path === get.path && op.method === 'post')) continue;
      const path = get.parameters.some((p) => p.in === 'path')
        ? resolvePathValues(get, ctx.values, session.anonymous ? undefined : session.name, 1)[0]
        : {};
      const request = path && ctx.buildRequest(get, { path });
      if (request === undefined) continue;
      const reference = await session.send(request);
      if (!isSuccess(reference)) continue;
      tried++;
      const post = {
        ...request,
        method: 'POST',
        body: '{}',
        headers: { ...request.headers, 'content-type': 'application/json' },
      };
      const plain = await session.send(post);
      if (isSuccess(plain)) continue;
      for (const header of OVERRIDE_HEADERS) {
        const overridden = { ...post, headers: { ...post.headers, [header]: 'GET' } };
        const judge = (r: ScanResponse) => isSuccess(r) && measureSimilarity(r.body, reference.body) >= 0.9;
        const response = await session.send(overridden);
        if (!judge(response)) continue;
        await ctx.report({
          method: 'POST',
          path: get.path,
          message: `POST ${get.path} with ${header}: GET was handled as a GET (${response.status}) while a plain POST got ${plain.status}`,
          summary: `${header} changed the method the server dispatched`,
          oracle: 'method-override-honoured',
          confidence: 'certain',
          snippet: `${header}: GET`,
          responses: [plain, response],
          tags: ['bfla', 'method-override'],
          confirm: async () => judge(await session.send(overridden)),
        });
        return;
      }
    }
  },
});
