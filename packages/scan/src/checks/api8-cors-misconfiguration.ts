import { randomBytes } from 'node:crypto';
import { defineCheck } from '../define-check.js';
import { locateRequest } from '../locate-request.js';
import type { ScanResponse } from '../transport/scan-transport.js';

export const api8CorsMisconfiguration = defineCheck({
  id: 'api8-cors-misconfiguration',
  title: 'CORS trusts any origin with credentials',
  severity: 'high',
  owasp: 'API8',
  cwe: 942,
  description:
    'The preflight operation is requested with a foreign Origin (a random https origin, and "null"). When the ' +
    'answer allows that origin with Access-Control-Allow-Credentials: true, any web page can read the API as ' +
    'the logged-in victim. Reflection without credentials is reported as low.',
  remediation:
    'Allow only an explicit list of trusted origins (exact match, no suffix/prefix tests), never reflect the ' +
    'Origin header, never allow "null", and send Access-Control-Allow-Credentials only for listed origins.',
  async run(ctx) {
    const preflight = ctx.preflight[0];
    const session = preflight ? ctx.identities.find((s) => s.name === preflight.identity) : ctx.anonymous;
    const request = preflight?.request ?? { method: 'GET', url: `${ctx.target}/` };
    if (session === undefined) return;
    const foreign = `https://rampart-${randomBytes(4).toString('hex')}.example`;
    for (const origin of [foreign, 'null']) {
      const probe = { ...request, headers: { ...request.headers, origin } };
      const judge = (r: ScanResponse) => {
        const allowed = r.headers['access-control-allow-origin'];
        const credentials = r.headers['access-control-allow-credentials']?.toLowerCase() === 'true';
        if (allowed === origin || (allowed === '*' && credentials)) return { credentials };
        return undefined;
      };
      const response = await session.send(probe);
      const verdict = judge(response);
      if (verdict === undefined) continue;
      await ctx.report({
        ...locateRequest(ctx.model, ctx.target, request),
        message: `Origin ${origin} is ${response.headers['access-control-allow-origin'] === '*' ? 'allowed by a wildcard' : 'reflected'} in Access-Control-Allow-Origin${verdict.credentials ? ' with Access-Control-Allow-Credentials: true' : ''}`,
        summary: `a request from ${origin} got Access-Control-Allow-Origin: ${response.headers['access-control-allow-origin']}${verdict.credentials ? ' and credentials allowed' : ''}`,
        oracle: origin === 'null' ? 'cors-null-origin' : 'cors-origin-reflection',
        confidence: 'certain',
        severity: verdict.credentials ? 'high' : 'low',
        snippet: `Access-Control-Allow-Origin: ${response.headers['access-control-allow-origin']}`,
        responses: [response],
        tags: ['cors'],
        confirm: async () => judge(await session.send(probe)) !== undefined,
      });
      return;
    }
  },
});
