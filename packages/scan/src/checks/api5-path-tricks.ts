import { defineCheck } from '../define-check.js';
import { resolvePathValues } from '../explore/explore-api.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import { measureSimilarity } from '../measure-similarity.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanResponse } from '../transport/scan-transport.js';

const denied = (r: ScanResponse) => r.status === 401 || r.status === 403;

/** Ways a proxy or router may see another path than the access rule did. */
function variants(path: string): Array<{ trick: string; path: string }> {
  const segments = path.split('/');
  const first = segments[1] ?? '';
  const out = [
    { trick: 'trailing slash', path: `${path}/` },
    { trick: 'upper case', path: path.replace(`/${first}`, `/${first.toUpperCase()}`) },
    { trick: 'double slash', path: `/${path}` },
    { trick: 'dot segment (%2e)', path: `/%2e${path}` },
    { trick: '..;/ (Tomcat/Spring)', path: `/rampart/..;${path}` },
    { trick: 'semicolon', path: `${path};rampart` },
  ];
  const version = /\/v(\d+)\//.exec(path);
  if (version && Number(version[1]) > 1)
    out.push({ trick: 'older version', path: path.replace(/\/v\d+\//, `/v${Number(version[1]) - 1}/`) });
  return out.filter((v) => v.path !== path);
}

export const api5PathTricks = defineCheck({
  id: 'api5-path-tricks',
  title: 'Admin operation reachable through a path variant',
  severity: 'high',
  owasp: 'API5',
  cwe: 285,
  maxRequests: 80,
  description:
    'Admin-looking GET operations that refuse a normal user (401/403) are requested again by that user through ' +
    'path variants a router and an access rule may disagree on: trailing slash, upper case, double slash, ' +
    '/%2e/, /x/..;/, ;suffix and an older /vN. A variant that answers 2xx like the admin gets is a finding.',
  remediation:
    'Normalize paths once, before routing and authorization (reject encoded dots, `;` parameters and double ' +
    'slashes), match routes case-sensitively and exactly, and authorize in the handler or route, not by a ' +
    'path prefix at the edge.',
  async run(ctx) {
    const user = ctx.users[0];
    const admin = ctx.admins[0];
    if (user === undefined) return;
    for (const operation of ctx.model.operations) {
      if (operation.method !== 'get' || operation.isWebhook || !looksAdminOnly(operation)) continue;
      const path = operation.parameters.some((p) => p.in === 'path')
        ? resolvePathValues(operation, ctx.values, admin?.name, 1)[0]
        : {};
      const request = path && ctx.buildRequest(operation, { path });
      if (request === undefined) continue;
      const refusal = await user.send(request);
      if (!denied(refusal)) continue;
      const reference = admin ? await admin.send(request) : undefined;
      const url = new URL(request.url);
      const base = ctx.target.replace(/\/+$/, '');
      const concrete = url.pathname.slice(new URL(base).pathname.replace(/\/$/, '').length);
      for (const variant of variants(concrete)) {
        const tricked = { ...request, url: `${base}${variant.path}${url.search}` };
        const judge = (r: ScanResponse) =>
          isSuccess(r) &&
          (reference === undefined ||
            (isSuccess(reference) && measureSimilarity(r.body, reference.body) >= 0.8));
        const response = await user.send(tricked);
        if (!judge(response)) continue;
        await ctx.report({
          operation,
          message: `${user.name} reached the admin operation GET ${operation.path} through ${variant.trick} (${variant.path}): ${response.status}, while the plain path answered ${refusal.status}`,
          summary: `plain path: ${refusal.status}; ${variant.trick} variant: ${response.status}${reference ? ', like the admin' : ''}`,
          oracle: 'path-variant-bypass',
          confidence: reference ? 'certain' : 'firm',
          snippet: variant.path,
          responses: [refusal, response],
          tags: ['bfla', 'path-normalization'],
          confirm: async () => judge(await user.send(tricked)),
        });
        break;
      }
    }
  },
});
