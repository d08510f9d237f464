import { randomBytes } from 'node:crypto';
import type { Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { describeJsonShape } from '../describe-json-shape.js';
import { resolvePathValues } from '../explore/explore-api.js';
import { nameResource } from '../explore/name-resource.js';
import { findOwnerData } from '../find-owner-data.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { measureSimilarity } from '../measure-similarity.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';
import { inferNestedPaths } from '../versions/infer-nested-paths.js';
import { listOlderVersionPaths } from '../versions/list-older-version-paths.js';

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
const SECRET_KEYS =
  /"[^"]*(secret|password|passwd|api[_-]?key|private[_-]?key|token)[^"]*"\s*:\s*"[^"]{4,}"|^[A-Z_]*(SECRET|PASSWORD|KEY)[A-Z_]*=\S+/im;
const SESSION_ENDING = /log-?out|sign-?out|revoke|logoff/i;
const MAX_PROBES = 110;
/** Documented paths (and inferred nestings) whose older versions are tried. */
const MAX_EXAMPLES = 6;
const requiresAuth = (op: Operation) =>
  op.security.length > 0 && !op.security.some((requirement) => Object.keys(requirement).length === 0);

/** A documented path (or an inferred nesting) with concrete values, whose older versions are probed. */
interface Example {
  /** Relative to the target: `/patients/{patientId}`. */
  readonly template: string;
  readonly values: Readonly<Record<string, string | number>>;
  /** The documented operation it corresponds to (for a nesting, the collection it nests). */
  readonly documented: Operation;
  /** The documented request with the same values (the collection, for a nesting). */
  readonly documentedRequest: ScanRequest;
  /** The identity whose values fill it. */
  readonly owner: IdentitySession | undefined;
}

interface Probe {
  /** From the origin. */
  readonly template: string;
  readonly path: string;
  /** The part before the resource path: a random path under it is the control. */
  readonly prefix: string;
  readonly kind: 'debug' | 'docs' | 'old-version';
  readonly example?: Example;
}

const fill = (template: string, values: Readonly<Record<string, string | number>>) =>
  template.replace(/\{([^}]+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : encodeURIComponent(String(values[name])),
  );

/** Field names (last key of every key path) of a JSON body. */
function fieldNames(body: string): Set<string> {
  const shape = describeJsonShape(body);
  return new Set([...(shape?.paths ?? [])].map((p) => p.split('.').at(-1)!.replace(/\[\]$/g, '')));
}

/**
 * Fields the old answer has and the documented one lacks, when the two answers are about the same thing (at
 * least half of the documented fields are in the old one); empty otherwise.
 */
function extraFields(oldBody: string, documentedBody: string): string[] {
  const old = fieldNames(oldBody);
  const current = fieldNames(documentedBody);
  if (current.size === 0) return [];
  const shared = [...current].filter((f) => old.has(f)).length;
  if (shared < Math.max(1, current.size / 2)) return [];
  return [...old].filter((f) => !current.has(f)).sort();
}

/** Documented GETs and inferred nestings with values of the identities (secured object reads first). */
function chooseExamples(ctx: CheckContext, owners: readonly IdentitySession[]): Example[] {
  const examples: Example[] = [];
  for (const guess of inferNestedPaths(
    ctx.model.operations,
    ctx.values,
    owners.map((o) => o.name),
  )) {
    const documentedRequest = ctx.buildRequest(guess.collection);
    if (documentedRequest === undefined) continue;
    examples.push({
      template: guess.template,
      values: guess.path,
      documented: guess.collection,
      documentedRequest,
      owner: owners.find((o) => o.name === guess.identity),
    });
  }
  const gets = ctx.model.operations
    .filter(
      (op) =>
        op.method === 'get' && !op.isWebhook && !SESSION_ENDING.test(`${op.path} ${op.operationId ?? ''}`),
    )
    .map((op) => ({ op, params: op.parameters.some((p) => p.in === 'path'), secured: requiresAuth(op) }))
    .sort((a, b) => Number(b.secured) - Number(a.secured) || Number(b.params) - Number(a.params));
  for (const { op, params } of gets) {
    if (examples.length >= MAX_EXAMPLES) break;
    let values: Record<string, string | number> | undefined = params ? undefined : {};
    let owner = params ? undefined : owners[0];
    for (const candidate of params ? owners : []) {
      values = resolvePathValues(op, ctx.values, candidate.name, 1)[0];
      owner = candidate;
      if (values !== undefined) break;
    }
    const documentedRequest = values && ctx.buildRequest(op, { path: values });
    if (values === undefined || documentedRequest === undefined) continue;
    examples.push({ template: op.path, values, documented: op, documentedRequest, owner });
  }
  return examples.slice(0, MAX_EXAMPLES);
}

export const api9HiddenEndpoints = defineCheck({
  id: 'api9-hidden-endpoints',
  title: 'Undocumented, old or debug endpoint reachable',
  severity: 'medium',
  owasp: 'API9',
  cwe: 1059,
  maxRequests: 150,
  description:
    'Anonymous GETs to a small list of debug, metrics and documentation paths (under the base path and at the ' +
    'origin), and to older versions of documented and inferred paths: the version segment of the base or ' +
    'operation path swapped (/api/v2/x → /api/v1/x, /v1/x, /api/x), or old prefixes (/v1, /api/v1, …) in front ' +
    "of unversioned ones, nestings such as /users/{userId}/accounts inferred from the description's templates. " +
    'A hit answers 2xx with a body unlike a random path under the same prefix; an old version counts when the ' +
    'documented one refuses anonymous callers, or when it returns fields the documented one does not. ' +
    "Secrets or other identities' data in it raise the severity.",
  remediation:
    'Remove retired versions and debug endpoints from production (or put them behind the same authentication), ' +
    'keep an inventory of every deployed host and version, and serve API documentation only where intended.',
  async run(ctx) {
    const targetUrl = new URL(ctx.target);
    const origin = targetUrl.origin;
    const basePath = targetUrl.pathname.replace(/\/+$/, '');
    const documented = new Set(ctx.model.operations.map((op) => `${basePath}${op.path}`));
    const shown = (path: string) =>
      basePath !== '' && path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path;
    const controls = new Map<string, Promise<ScanResponse>>();
    const control = (prefix: string) => {
      let answer = controls.get(prefix);
      if (answer === undefined) {
        const url = `${origin}${prefix}/rampart-${randomBytes(5).toString('hex')}`;
        answer = ctx.anonymous.send({ method: 'GET', url });
        controls.set(prefix, answer);
      }
      return answer;
    };
    const distinct = async (r: ScanResponse, prefix: string) => {
      if (!isSuccess(r) || r.body.length === 0) return false;
      const random = await control(prefix);
      return !isSuccess(random) || measureSimilarity(r.body, random.body) < 0.8;
    };
    const owners = [...ctx.users, ...ctx.admins];
    // The control of a fixed path is a random sibling (`/v2/api-docs` → `/v2/rampart-…`): catch-all pages differ.
    const fixed = (kind: 'debug' | 'docs', prefix: string) => (path: string) => ({
      template: `${prefix}${path}`,
      path: `${prefix}${path}`,
      prefix: `${prefix}${path.slice(0, path.lastIndexOf('/'))}`,
      kind,
    });
    const prefixes = basePath === '' ? [''] : [basePath, ''];
    const examples = chooseExamples(ctx, owners);
    const versions = examples.map((e) => listOlderVersionPaths(`${basePath}${e.template}`, basePath));
    const oldVersions: Probe[] = [];
    for (let i = 0; i < Math.max(0, ...versions.map((v) => v.length)); i++) {
      for (const [index, example] of examples.entries()) {
        const variant = versions[index]![i];
        if (variant === undefined) continue;
        oldVersions.push({
          template: variant.path,
          path: fill(variant.path, example.values),
          prefix: variant.prefix,
          kind: 'old-version',
          example,
        });
      }
    }
    const probes: Probe[] = [
      ...prefixes.flatMap((prefix) => DEBUG.map(fixed('debug', prefix))),
      ...prefixes.flatMap((prefix) => DOCS.map(fixed('docs', prefix))),
      ...oldVersions,
    ].filter((p, i, all) => !documented.has(p.template) && all.findIndex((q) => q.path === p.path) === i);

    const anonymousDocumented = new Map<string, Promise<ScanResponse>>();
    let sent = 0;
    for (const probe of probes) {
      if (sent++ >= MAX_PROBES) return;
      const request = { method: 'GET', url: `${origin}${probe.path}` };
      const response = await ctx.anonymous.send(request);
      const example = probe.example;
      if (example !== undefined && (response.status === 401 || response.status === 403)) {
        sent++; // The owner's request counts toward the probes too.
        await compareAsOwner(ctx, probe, example, request, response, shown);
        continue;
      }
      if (!(await distinct(response, probe.prefix))) continue;
      let documentedAnswer: ScanResponse | undefined;
      if (example !== undefined) {
        const key = example.documentedRequest.url;
        let pending = anonymousDocumented.get(key);
        if (pending === undefined) {
          pending = ctx.anonymous.send(example.documentedRequest);
          anonymousDocumented.set(key, pending);
        }
        documentedAnswer = await pending;
        // The documented version is public too: the old path is an alias unless it tells more.
        if (isSuccess(documentedAnswer)) {
          const extra = extraFields(response.body, documentedAnswer.body);
          if (measureSimilarity(response.body, documentedAnswer.body) >= 0.8 || extra.length === 0) continue;
          await reportExtraFields(
            ctx,
            probe,
            example,
            request,
            response,
            documentedAnswer,
            extra,
            'anonymous',
            shown,
          );
          continue;
        }
      }
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
            : `older API version (${nameResource(probe.template) ?? 'resource'})`;
      const versus =
        example !== undefined && documentedAnswer !== undefined
          ? `, while the documented GET ${new URL(example.documentedRequest.url).pathname} refuses anonymous callers (${documentedAnswer.status})`
          : '';
      await ctx.report({
        method: 'GET',
        path: shown(probe.template),
        message: `undocumented ${what} GET ${probe.path} answered ${response.status} without authentication${versus}${secrets ? ', exposing secrets' : data.length > 0 ? ", exposing users' data" : ''}`,
        summary: `anonymous GET ${probe.path} answered ${response.status} (${response.headers['content-type'] ?? 'no content type'}), unlike a random path under ${probe.prefix || '/'} (${(await control(probe.prefix)).status})`,
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
        responses: documentedAnswer ? [documentedAnswer, response] : [response],
        tags: ['inventory', probe.kind],
        ...(example ? { related: [{ operation: example.documented }] } : {}),
        confirm: async () => distinct(await ctx.anonymous.send(request), probe.prefix),
      });
    }
  },
});

/**
 * An old version that exists but wants credentials: sent as the owner of the values and compared with the
 * documented version's answer to the same owner; fields only the old one returns are a finding.
 */
async function compareAsOwner(
  ctx: CheckContext,
  probe: Probe,
  example: Example,
  request: ScanRequest,
  refused: ScanResponse,
  shown: (path: string) => string,
): Promise<void> {
  const owner = example.owner;
  if (owner === undefined) return;
  const old = await owner.send(request);
  if (!isSuccess(old)) return;
  const current = await owner.send(example.documentedRequest);
  if (!isSuccess(current)) return;
  const extra = extraFields(old.body, current.body);
  if (extra.length === 0) return;
  await reportExtraFields(ctx, probe, example, request, old, current, extra, owner.name, shown, refused);
}

async function reportExtraFields(
  ctx: CheckContext,
  probe: Probe,
  example: Example,
  request: ScanRequest,
  old: ScanResponse,
  current: ScanResponse,
  extra: readonly string[],
  caller: string,
  shown: (path: string) => string,
  refused?: ScanResponse,
): Promise<void> {
  const documentedPath = new URL(example.documentedRequest.url).pathname;
  const session = caller === 'anonymous' ? ctx.anonymous : example.owner;
  if (session === undefined) return;
  await ctx.report({
    method: 'GET',
    path: shown(probe.template),
    message: `undocumented older API version GET ${probe.path} returns fields the documented GET ${documentedPath} does not (${extra.slice(0, 5).join(', ')}) to ${caller}`,
    summary: `as ${caller}, the old version answered ${old.status} with ${extra.length} field(s) more than the current version's ${current.status}`,
    oracle: 'old-version-more-fields',
    confidence: 'firm',
    severity: 'medium',
    snippet: extra.slice(0, 5).join(', '),
    responses: refused ? [refused, current, old] : [current, old],
    tags: ['inventory', 'old-version'],
    related: [{ operation: example.documented }],
    confirm: async () => {
      const again = await session.send(request);
      return isSuccess(again) && extraFields(again.body, current.body).length > 0;
    },
  });
}
