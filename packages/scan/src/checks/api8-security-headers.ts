import { defineCheck } from '../define-check.js';
import { locateRequest } from '../locate-request.js';

export const api8SecurityHeaders = defineCheck({
  id: 'api8-security-headers',
  title: 'Security headers missing or version banner present',
  severity: 'low',
  owasp: 'API8',
  cwe: 693,
  description:
    'The authenticated answer of the preflight operation is inspected for X-Content-Type-Options: nosniff, ' +
    'Cache-Control: no-store (it carries personal data), Strict-Transport-Security on https targets, and for ' +
    'X-Powered-By or Server headers that give away product versions.',
  remediation:
    'Send X-Content-Type-Options: nosniff and Cache-Control: no-store on every API response, HSTS on https, ' +
    'and remove X-Powered-By and version numbers from Server (OWASP REST Security Cheat Sheet, "Security headers").',
  async run(ctx) {
    const preflight = ctx.preflight[0];
    const session = preflight ? ctx.identities.find((s) => s.name === preflight.identity) : ctx.anonymous;
    const request = preflight?.request ?? { method: 'GET', url: `${ctx.target}/` };
    if (session === undefined) return;
    const response = await session.send(request);
    const problems: string[] = [];
    const h = response.headers;
    if (h['x-content-type-options']?.toLowerCase() !== 'nosniff')
      problems.push('no X-Content-Type-Options: nosniff');
    if (preflight && !/no-store/i.test(h['cache-control'] ?? ''))
      problems.push('authenticated response without Cache-Control: no-store');
    if (ctx.target.startsWith('https:') && h['strict-transport-security'] === undefined)
      problems.push('no Strict-Transport-Security');
    if (h['x-powered-by'] !== undefined) problems.push(`X-Powered-By: ${h['x-powered-by']}`);
    if (/\d/.test(h['server'] ?? '')) problems.push(`Server: ${h['server']}`);
    if (problems.length === 0) return;
    await ctx.report({
      ...locateRequest(ctx.model, ctx.target, request),
      message: `responses lack protective headers or reveal the stack: ${problems.join('; ')}`,
      summary: problems.join('; '),
      oracle: 'response-headers',
      confidence: 'certain',
      responses: [response],
      tags: ['headers'],
      confirm: async () => {
        const again = await session.send(request);
        return (
          again.headers['x-content-type-options'] === h['x-content-type-options'] &&
          again.headers['x-powered-by'] === h['x-powered-by']
        );
      },
    });
  },
});
