import { defineCheck } from '../define-check.js';
import { describePoint } from '../injection/describe-point.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import { listUrlTargets } from '../ssrf/list-url-targets.js';
import { sendUrlProbe } from '../ssrf/send-url-probe.js';

export const api7SsrfRedirect = defineCheck({
  id: 'api7-ssrf-redirect',
  title: 'Redirects followed to internal addresses',
  severity: 'high',
  owasp: 'API7',
  cwe: 918,
  maxRequests: 80,
  description:
    "URL-taking inputs get a URL on the canary's upstream origin (the one a user configures as the API's " +
    'partner, so an allow-list lets it through; it is tried from the probe origin too) that answers 302 to a ' +
    'loopback canary URL with a second token. The canary receiving the second token proves the API followed ' +
    'the redirect to an internal address, past any check it made on the first URL.',
  remediation:
    'Do not follow redirects when fetching user-supplied or partner URLs, or re-apply the full allow-list and ' +
    'address checks to every hop.',
  async run(ctx) {
    const canary = ctx.canary;
    if (canary === undefined) return;
    const session = selectInjectionSession(ctx);
    for (const target of listUrlTargets(ctx, session)) {
      const { operation } = target;
      let found = false;
      for (const point of target.points) {
        for (const via of ['upstream', 'probe'] as const) {
          if (found) break;
          const attempt = async () => {
            const first = canary.token(`r${point.name}`);
            const second = canary.token(`t${point.name}`);
            const url = canary.redirectFor(first, canary.probeFor(second), via);
            const result = await sendUrlProbe(ctx, session, target, point, url, second, [first]);
            const firstHit = canary.hitsSince(0, first)[0];
            return result && { result, url, firstHit };
          };
          const proof = await attempt();
          if (proof === undefined) return;
          if (proof.result.hit === undefined) {
            if (proof.firstHit !== undefined) break; // fetched but did not follow: no need to try another origin
            continue;
          }
          const hit = proof.result.hit;
          found = await ctx.report({
            operation,
            message: `${describePoint(point)} of ${operation.method.toUpperCase()} ${operation.path}: the API followed a redirect from ${via === 'upstream' ? 'the partner (upstream) origin' : 'an outside URL'} to a loopback address`,
            summary: `the canary answered 302 to a loopback URL and then received ${hit.method} ${hit.url} with its token; the API answered ${proof.result.response.status}`,
            oracle: 'canary-callback-after-redirect',
            confidence: 'certain',
            snippet: proof.url,
            responses: [...proof.result.triggers, proof.result.response],
            tags: ['ssrf', 'redirect'],
            confirm: async () => (await attempt())?.result.hit !== undefined,
          });
        }
        if (found) break;
      }
    }
  },
});
