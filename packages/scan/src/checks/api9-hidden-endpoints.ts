import { randomBytes } from 'node:crypto';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { nameResource } from '../explore/name-resource.js';
import { findOwnerData } from '../find-owner-data.js';
import { joinTargetUrl } from '../join-target-url.js';
import { measureSimilarity } from '../measure-similarity.js';
import type { ScanResponse } from '../transport/scan-transport.js';

const DOCS = [
  '/openapi.json',
  '/openapi.yaml',
  '/swagger.json',
  '/swagger.yaml',
  '/swagger-ui.html',
  '/docs',
  '/api-docs',
  '/v2/api-docs',
  '/v3/api-docs',
  '/redoc',
];
const DEBUG = [
  '/debug',
  '/debug/vars',
  '/debug/pprof/',
  '/actuator',
  '/actuator/env',
  '/metrics',
  '/internal',
  '/.env',
  '/env',
  '/config',
  '/server-status',
  '/phpinfo.php',
  '/graphql',
];
const OLD_PREFIXES = ['/v1', '/api/v1', '/v0', '/api/v0', '/api', '/old', '/legacy', '/beta'];
const SECRET_KEYS =
  /"[^"]*(secret|password|passwd|api[_-]?key|private[_-]?key|token)[^"]*"\s*:\s*"[^"]{4,}"|^[A-Z_]*(SECRET|PASSWORD|KEY)[A-Z_]*=\S+/im;
const MAX_PROBES = 70;
const ok = (r: ScanResponse) => r.status >= 200 && r.status < 300;

/** Nested paths a previous version may have had: `/users/{ownerId}/accounts` from accounts' `ownerId`. */
function inferNestedPaths(ctx: CheckContext): Array<{ path: string; template: string }> {
  const out = new Map<string, { path: string; template: string }>();
  for (const value of ctx.values.all()) {
    if (!/^(owner|user|customer|account)id$/.test(value.key) || value.resource === undefined) continue;
    const parent = value.key.slice(0, -2) === 'owner' ? 'user' : value.key.slice(0, -2);
    if (parent === value.resource) continue;
    const template = `/${parent}s/{${parent}Id}/${value.resource}s`;
    if (!out.has(template)) {
      out.set(template, {
        path: `/${parent}s/${encodeURIComponent(String(value.value))}/${value.resource}s`,
        template,
      });
    }
    if (out.size >= 4) break;
  }
  return [...out.values()];
}

export const api9HiddenEndpoints = defineCheck({
  id: 'api9-hidden-endpoints',
  title: 'Undocumented, old or debug endpoint reachable',
  severity: 'medium',
  owasp: 'API9',
  cwe: 1059,
  maxRequests: 90,
  description:
    'Anonymous GETs to a small list of debug, metrics and documentation paths, and to older versions of the ' +
    'API (/v1, /api/v1, … in front of documented and inferred paths such as /users/{ownerId}/accounts). A ' +
    "hit answers 2xx with a body unlike the target's answer to a random path; secrets or other identities' " +
    'data in it raise the severity.',
  remediation:
    'Remove retired versions and debug endpoints from production (or put them behind the same authentication), ' +
    'keep an inventory of every deployed host and version, and serve API documentation only where intended.',
  async run(ctx) {
    const documented = new Set(ctx.model.operations.map((op) => op.path));
    const random = await ctx.anonymous.send({
      method: 'GET',
      url: joinTargetUrl(ctx.target, `/rampart-${randomBytes(5).toString('hex')}`),
    });
    const distinct = (r: ScanResponse) =>
      ok(r) && r.body.length > 0 && (!ok(random) || measureSimilarity(r.body, random.body) < 0.8);
    const owners = [...ctx.users, ...ctx.admins];
    const examples = [
      ...inferNestedPaths(ctx),
      ...ctx.model.operations
        .filter((op) => op.method === 'get' && !op.path.includes('{'))
        .map((op) => ({ path: op.path, template: op.path }))
        .slice(0, 4),
    ];
    const probes = [
      ...DEBUG.map((path) => ({ path, template: path, kind: 'debug' as const })),
      ...DOCS.map((path) => ({ path, template: path, kind: 'docs' as const })),
      ...OLD_PREFIXES.flatMap((prefix) =>
        examples.map((e) => ({
          path: `${prefix}${e.path}`,
          template: `${prefix}${e.template}`,
          kind: 'old-version' as const,
        })),
      ),
    ].filter((p) => !documented.has(p.path));
    let sent = 0;
    for (const probe of probes) {
      if (sent++ >= MAX_PROBES) return;
      const request = { method: 'GET', url: joinTargetUrl(ctx.target, probe.path) };
      const response = await ctx.anonymous.send(request);
      if (!distinct(response)) continue;
      const secrets = SECRET_KEYS.exec(response.body)?.[0];
      const data = owners.flatMap((o) =>
        findOwnerData(response.body, ctx.values, o.name, 'anonymous', [], 2),
      );
      const severity = secrets || data.length > 0 ? 'high' : probe.kind === 'docs' ? 'low' : 'medium';
      const what =
        probe.kind === 'docs'
          ? 'API documentation'
          : probe.kind === 'debug'
            ? 'debug or internal endpoint'
            : `older API version (${nameResource(probe.path) ?? 'resource'})`;
      await ctx.report({
        method: 'GET',
        path: probe.template,
        message: `undocumented ${what} GET ${probe.path} answered ${response.status} without authentication${secrets ? ', exposing secrets' : data.length > 0 ? ", exposing users' data" : ''}`,
        summary: `anonymous GET ${probe.path} answered ${response.status} (${response.headers['content-type'] ?? 'no content type'}), unlike a random path (${random.status})`,
        oracle: secrets
          ? 'secret-in-undocumented-endpoint'
          : data.length > 0
            ? 'owner-data-in-undocumented-endpoint'
            : 'undocumented-endpoint-answers',
        confidence: data.length > 0 || secrets ? 'certain' : 'firm',
        severity,
        ...(secrets
          ? { snippet: secrets.replace(/:\s*"[^"]*"$/, ': "[redacted]"').replace(/=\S+$/, '=[redacted]') }
          : data.length > 0
            ? { snippet: data.join(', ') }
            : {}),
        responses: [response],
        tags: ['inventory', probe.kind],
        confirm: async () => distinct(await ctx.anonymous.send(request)),
      });
    }
  },
});
