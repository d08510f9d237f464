import type { Operation } from '@rampart/openapi';
import { walkSchema } from '@rampart/openapi';
import { createConfigReader } from '../../create-config-reader.js';
import { definePolicy, type Denial } from '../../define-policy.js';
import { parseCidr } from '../../parse-cidr.js';
import type { RequestContext } from '../../request-context.js';
import { createUrlGuard, type UrlVerdict } from './create-url-guard.js';

/** `policies.ssrf-guard`. */
export interface SsrfGuardPolicyConfig {
  /** More parameter and property names (any depth, case-insensitive) whose values are URLs. */
  readonly parameters?: readonly string[];
  /** Treat names like `url`, `callbackUrl`, `webhook`, `redirect_uri`, `avatarUrl` as URLs. Default true. */
  readonly detectByName?: boolean;
  /** Hosts URLs may name (`*.example.com` for subdomains); when given, others are refused. */
  readonly allowHosts?: readonly string[];
  /** Default `['http', 'https']`. */
  readonly allowSchemes?: readonly string[];
  /** Internal ranges that are nevertheless allowed (CIDR). */
  readonly allowAddresses?: readonly string[];
  /** Default 2000. */
  readonly dnsTimeoutMs?: number;
  /** How long DNS answers are reused. Default 30. */
  readonly dnsCacheSeconds?: number;
}

/** Names that end in a URL word: `url`, `callbackUrl`, `redirect_uri`, `webhook`, `imageHref`, `links`. */
const URL_NAME = /(url|uri|href|link|webhook|callback|endpoint|redirect)s?$/i;
const URL_FORMATS = new Set(['uri', 'url', 'iri']);
const MAX_VALUES = 32;

/**
 * SSRF guard (OWASP API7, CWE-918) for URL-typed request values: query, path and header parameters and JSON body
 * properties whose schema `format` is `uri`/`url`/`iri`, whose name looks like a URL (`callbackUrl`, `webhook`,
 * `redirect_uri`…), or that the configuration lists. Each value must be an absolute URL with an allowed scheme
 * and host, and its host must not be or resolve to a loopback, private, link-local, metadata, unspecified or
 * otherwise internal address (`createUrlGuard`). Refused with 400.
 *
 * The upstream fetches the URL itself: it must not follow redirects to internal addresses, and it resolves the
 * name again (DNS rebinding); the guard narrows SSRF, the upstream's HTTP client must close it.
 */
export const ssrfGuardPolicy = definePolicy<SsrfGuardPolicyConfig>({
  id: 'ssrf-guard',
  stage: 'validate-request',
  failMode: 'closed',
  description:
    'Refuses URL parameters and properties that point at internal, loopback, private or metadata addresses.',
  compile(config, context) {
    if (config === undefined) return undefined;
    const r = createConfigReader(config, '', context.problem);
    r.known([
      'parameters',
      'detectByName',
      'allowHosts',
      'allowSchemes',
      'allowAddresses',
      'dnsTimeoutMs',
      'dnsCacheSeconds',
    ]);
    const configured = new Set((r.strings('parameters') ?? []).map((n) => n.toLowerCase()));
    const byName = r.bool('detectByName', true);
    const allowAddresses = r.strings('allowAddresses') ?? [];
    allowAddresses.forEach((cidr) => {
      const parsed = parseCidr(cidr);
      if (typeof parsed === 'string') r.problem('allowAddresses', parsed);
    });
    const guard = createUrlGuard({
      allowHosts: r.strings('allowHosts'),
      allowSchemes: r.strings('allowSchemes') ?? ['http', 'https'],
      allowAddresses: allowAddresses.filter((c) => typeof parseCidr(c) !== 'string'),
      dnsTimeoutMs: r.int('dnsTimeoutMs', 2000, 1, 30_000),
      dnsCacheMs: r.int('dnsCacheSeconds', 30, 0, 86_400) * 1000,
    });

    const isUrlName = (name: string): boolean =>
      configured.has(name.toLowerCase()) || (byName && URL_NAME.test(name));
    const plans = new Map<Operation, { params: { name: string; in: string }[]; bodyNames: Set<string> }>();
    const planOf = (op: Operation) => {
      let plan = plans.get(op);
      if (!plan) {
        const params = op.parameters
          .filter((p) => isUrlName(p.name) || URL_FORMATS.has(String(p.schema['format'])))
          .map((p) => ({ name: p.name, in: p.in }));
        const bodyNames = new Set<string>();
        for (const media of op.requestBody?.content ?? [])
          if (media.schema)
            walkSchema(media.schema, (schema, walk) => {
              const name = walk.propertyPath.at(-1);
              if (name && name !== '[]' && URL_FORMATS.has(String(schema['format']))) bodyNames.add(name);
            });
        plan = { params, bodyNames };
        plans.set(op, plan);
      }
      return plan;
    };

    const refuse = (where: string, why: string): Denial => ({
      status: 400,
      detail: `The URL in ${where} is not allowed: it must be a public http(s) address.`,
      reason: `SSRF guard: ${where} ${why}`,
    });

    const checkAll = async (checks: [string, string][]): Promise<Denial | undefined> => {
      const verdicts = await Promise.all(checks.map(([, value]) => guard(value)));
      for (let i = 0; i < verdicts.length; i++) {
        const verdict = verdicts[i] as UrlVerdict;
        if (verdict) return refuse((checks[i] as [string, string])[0], verdict);
      }
      return undefined;
    };

    return (ctx: RequestContext) => {
      const op = ctx.operation;
      const plan = op ? planOf(op) : undefined;
      const checks: [string, string][] = [];
      if (ctx.query !== '')
        for (const [name, value] of new URLSearchParams(ctx.query))
          if (
            value !== '' &&
            (isUrlName(name) || plan?.params.some((p) => p.in === 'query' && p.name === name))
          )
            checks.push([`query parameter "${name.slice(0, 64)}"`, value]);
      for (const p of plan?.params ?? []) {
        const value =
          p.in === 'path'
            ? ctx.params[p.name]
            : p.in === 'header'
              ? ctx.headers[p.name.toLowerCase()]
              : undefined;
        if (typeof value === 'string' && value !== '') checks.push([`${p.in} parameter "${p.name}"`, value]);
      }
      const type = ctx.headers['content-type'];
      const json =
        ctx.hasBody && typeof type === 'string' && /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(type);
      if (!json) return checks.length > 0 ? checkAll(checks) : undefined;
      return ctx.readJson().then((body) => {
        collectBodyUrls(body, (name) => isUrlName(name) || plan?.bodyNames.has(name) === true, '', checks, 0);
        return checks.length > 0 ? checkAll(checks.slice(0, MAX_VALUES)) : undefined;
      });
    };
  },
});

function collectBodyUrls(
  value: unknown,
  isUrl: (name: string) => boolean,
  pointer: string,
  out: [string, string][],
  depth: number,
): void {
  if (typeof value !== 'object' || value === null || depth > 64 || out.length >= MAX_VALUES) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      collectBodyUrls(value[i], isUrl, `${pointer}/${i}`, out, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const path = `${pointer}/${key}`;
    if (typeof item === 'string' && item !== '' && isUrl(key))
      out.push([`body property "${path.slice(0, 100)}"`, item]);
    else if (Array.isArray(item) && isUrl(key)) {
      for (let i = 0; i < item.length; i++)
        if (typeof item[i] === 'string') out.push([`body property "${path}/${i}"`, item[i] as string]);
    } else collectBodyUrls(item, isUrl, path, out, depth + 1);
  }
}
