import type { Operation } from '@rampart/openapi';
import { defineCheck } from '../define-check.js';
import { resolvePathValues } from '../explore/explore-api.js';
import { measureSimilarity } from '../measure-similarity.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

const KEY_NAMES = ['api_key', 'apikey', 'key'];
const TOKEN_NAMES = ['access_token', 'token'];
const MAX_OPERATIONS = 4;

export const api2CredentialsInQuery = defineCheck({
  id: 'api2-credentials-in-query',
  title: 'Credentials accepted in the query string',
  severity: 'medium',
  owasp: 'API2',
  cwe: 598,
  maxRequests: 160,
  description:
    "Each identity's credentials (a bearer token, an API-key header) are moved into the query string — under " +
    'the names the description declares for query API keys and common ones (api_key, apikey, key, ' +
    'access_token, token) — and sent with no other credential to secured GETs the identity can call and ' +
    "anonymous cannot. An answer like the identity's own means secrets travel in URLs, which end up in logs, " +
    'browser history, proxies and Referer headers.',
  remediation:
    'Read credentials only from the Authorization header (or a dedicated header or cookie), ignore them in the ' +
    'query string (RFC 6750 §2.3 discourages it), and do not declare query API keys in the description.',
  async run(ctx) {
    const declared = Object.values(ctx.model.securitySchemes)
      .filter((s) => s.type === 'apiKey' && s.in === 'query' && s.paramName)
      .map((s) => s.paramName!);
    const keySchemes = new Set(
      Object.entries(ctx.model.securitySchemes)
        .filter(([, s]) => s.type === 'apiKey')
        .map(([name]) => name),
    );
    // Operations that accept an API key come first: that is where a key in the query is likeliest honoured.
    const operations = [...ctx.model.operations].sort(
      (a, b) => Number(acceptsKey(b, keySchemes)) - Number(acceptsKey(a, keySchemes)),
    );
    for (const session of [...ctx.admins, ...ctx.users]) {
      const credentials = await session.credentials();
      const secrets = Object.entries(credentials.headers)
        .map(([header, value]) => ({
          header,
          value: header.toLowerCase() === 'authorization' ? value.replace(/^Bearer\s+/i, '') : value,
        }))
        .filter((s) => s.value.length >= 8 && !/^basic\s/i.test(s.value));
      if (secrets.length === 0) continue;
      let tried = 0;
      for (const operation of operations) {
        if (tried >= MAX_OPERATIONS) break;
        if (!secured(operation) || operation.method !== 'get' || operation.isWebhook) continue;
        const path = operation.parameters.some((p) => p.in === 'path')
          ? resolvePathValues(operation, ctx.values, session.name, 1)[0]
          : {};
        const request = path && ctx.buildRequest(operation, { path });
        if (request === undefined) continue;
        const own = await session.send(request);
        if (!isSuccess(own)) continue;
        const anonymous = await ctx.anonymous.send(request);
        if (isSuccess(anonymous)) continue;
        tried++;
        for (const secret of secrets) {
          const bearer = secret.header.toLowerCase() === 'authorization';
          for (const name of new Set(bearer ? TOKEN_NAMES : [...declared, ...KEY_NAMES])) {
            const url = new URL(request.url);
            url.searchParams.set(name, secret.value);
            const smuggled: ScanRequest = { ...request, url: url.href, identity: `${session.name} (query)` };
            const judge = (r: ScanResponse) => isSuccess(r) && measureSimilarity(r.body, own.body) >= 0.9;
            const response = await ctx.transport.send(smuggled);
            if (!judge(response)) continue;
            await ctx.report({
              operation,
              message: `${session.name}'s ${secret.header === 'authorization' ? 'bearer token' : `${secret.header} credential`} is accepted as ?${name}= on GET ${operation.path} with no header (${response.status})`,
              summary: `without credentials GET ${operation.path} answers ${anonymous.status}; with the credential in the query parameter ${name} it answers ${response.status} like ${session.name}`,
              oracle: 'credential-in-query-accepted',
              confidence: 'certain',
              snippet: `?${name}=[redacted]`,
              responses: [anonymous, response],
              tags: ['authentication', 'credentials-in-url'],
              confirm: async () => judge(await ctx.transport.send(smuggled)),
            });
            return;
          }
        }
      }
    }
  },
});

function acceptsKey(operation: Operation, schemes: ReadonlySet<string>): boolean {
  return operation.security.some((r) => Object.keys(r).some((name) => schemes.has(name)));
}

function secured(operation: Operation): boolean {
  return operation.security.length > 0 && !operation.security.some((r) => Object.keys(r).length === 0);
}
