import { defineCheck } from '../define-check.js';
import { buildInjectedRequest } from '../injection/build-injected-request.js';
import { describePoint } from '../injection/describe-point.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import { encodeLoopbackUrl } from '../ssrf/encode-loopback-url.js';
import { listUrlTargets } from '../ssrf/list-url-targets.js';
import { recordCreatedObject } from '../ssrf/record-created-object.js';
import { sendUrlProbe } from '../ssrf/send-url-probe.js';

/** Cloud metadata endpoints, and what only their answers contain. */
const METADATA = [
  {
    url: 'http://169.254.169.254/latest/meta-data/',
    evidence: /\b(ami-id|instance-id|iam\/|security-credentials)\b/,
  },
  {
    url: 'http://metadata.google.internal/computeMetadata/v1/',
    evidence: /\b(instance\/|project\/|service-accounts)\b/,
  },
];

export const api7Ssrf = defineCheck({
  id: 'api7-ssrf',
  title: 'Server-side request forgery',
  severity: 'high',
  owasp: 'API7',
  cwe: 918,
  maxRequests: 150,
  description:
    "URL-taking inputs (format uri, or names such as url, callback, webhook, imageUrl) get a URL of the scan's " +
    'canary probe listener with a token unique to the parameter and request. The canary receiving that token ' +
    'proves the API fetched it; stored URLs (webhooks) are made to fire by triggering the events they ' +
    'subscribe to. When the plain loopback URL is refused, encoded forms of the address are tried (decimal, ' +
    'hexadecimal, 127.1, IPv6-mapped, localhost). Cloud metadata URLs are reported only when the answer ' +
    'carries metadata content. The built-in canary listens on 127.0.0.1: for a remote target, expose it and ' +
    'give its public URL (createCanary publicProbeUrl).',
  remediation:
    'Fetch only from an allow-list of partner origins (scheme, host and port), resolve the host and refuse ' +
    'private, loopback and link-local addresses after resolution, do not follow redirects (or re-check every ' +
    'hop), and never return the fetched content verbatim.',
  async run(ctx) {
    const canary = ctx.canary;
    if (canary === undefined) return;
    const session = selectInjectionSession(ctx);
    for (const target of listUrlTargets(ctx, session)) {
      const { operation } = target;
      let found = false;
      for (const point of target.points) {
        if (found) break;
        const where = `${describePoint(point)} of ${operation.method.toUpperCase()} ${operation.path}`;
        const attempts = [{ encoding: 'plain', url: canary.probeFor('{token}') }];
        let refused = false;
        for (let i = 0; i < attempts.length + (refused ? 0 : 0) && !found; i++) {
          const attempt = attempts[i]!;
          const token = canary.token(`${operation.path}${point.name}`);
          const url = attempt.url.replace('{token}', token);
          const result = await sendUrlProbe(ctx, session, target, point, url, token);
          if (result === undefined) break;
          if (result.hit === undefined) {
            // A refused plain loopback URL: try the encodings filters miss (once).
            if (
              attempt.encoding === 'plain' &&
              result.response.status >= 400 &&
              result.response.status < 500
            ) {
              refused = true;
              attempts.push(...encodeLoopbackUrl(attempt.url));
            }
            continue;
          }
          const echoed = result.response.body.includes(`rampart-canary ${token}`);
          const hit = result.hit;
          const confirmUrl = attempt.url;
          found = await ctx.report({
            operation,
            message: `SSRF through ${where}: the API fetched ${attempt.encoding === 'plain' ? 'a loopback canary URL' : `a loopback canary URL written in ${attempt.encoding} form after the plain one was refused`}${result.triggers.length > 0 ? ' (a stored URL, called once its events were triggered)' : ''}${echoed ? ' and returned its content' : ''}`,
            summary: `the canary received ${hit.method} ${hit.url} (User-Agent ${hit.headers['user-agent'] ?? 'none'}) carrying the token sent in ${point.name}; the API answered ${result.response.status}`,
            oracle: result.triggers.length > 0 ? 'canary-callback-after-trigger' : 'canary-callback',
            confidence: 'certain',
            severity: echoed ? 'critical' : 'high',
            snippet: url,
            responses: [...result.triggers, result.response],
            tags: ['ssrf', attempt.encoding, ...(echoed ? ['full-read'] : [])],
            confirm: async () => {
              const again = canary.token(`${operation.path}${point.name}`);
              const repeat = await sendUrlProbe(
                ctx,
                session,
                target,
                point,
                confirmUrl.replace('{token}', again),
                again,
              );
              return repeat?.hit !== undefined;
            },
          });
        }
        if (found || ctx.options.readOnly) continue;
        for (const metadata of METADATA) {
          const request = buildInjectedRequest(ctx, target, point, metadata.url);
          if (request === undefined) break;
          const response = await session.send(request);
          recordCreatedObject(ctx, session, operation, response);
          const evidence = metadata.evidence.exec(response.body)?.[0];
          if (evidence === undefined) continue;
          found = await ctx.report({
            operation,
            message: `SSRF through ${where}: the answer carries cloud metadata from ${metadata.url}`,
            summary: `${response.status} answer containing "${evidence}"`,
            oracle: 'metadata-content-in-response',
            confidence: 'certain',
            severity: 'critical',
            snippet: evidence,
            responses: [response],
            tags: ['ssrf', 'metadata'],
            confirm: async () => metadata.evidence.test((await session.send(request)).body),
          });
          if (found) break;
        }
      }
    }
  },
});
