import type { CheckContext } from '../check-context.js';
import { joinTargetUrl } from '../join-target-url.js';
import type { ScanResponse } from '../transport/scan-transport.js';
import type { DecodedJwt } from './decode-jwt.js';
import { type PublishedKey, parseJwks } from './parse-jwks.js';

/** Where public keys are conventionally published, relative to the issuer or the API root. */
export const WELL_KNOWN_KEY_PATHS: readonly string[] = [
  '/.well-known/jwks.json',
  '/.well-known/openid-configuration',
  '/jwks',
  '/jwks.json',
  '/.well-known/keys',
  '/oauth/jwks',
];

const DESCRIBED_KEY_PATH = /jwks|\/keys$|\/certs$|openid-configuration|public[-_]?keys?$/i;

/** The keys found and the responses that served them (the evidence). */
export interface DiscoveredKeys {
  readonly keys: readonly PublishedKey[];
  readonly responses: readonly ScanResponse[];
  /** Requests sent. */
  readonly requests: number;
}

/**
 * Looks for the public keys that verify `token`: GET operations of the description whose path names keys
 * (`/jwks`, `/certs`, `openid-configuration`…), then the token's `iss` and the target root with the
 * well-known paths ({@link WELL_KNOWN_KEY_PATHS}), following an OpenID configuration's `jwks_uri`. Only URLs
 * on the target's origin are requested (the scope guard would refuse others), at most `maxRequests`; it
 * stops once it has a key whose `kid` matches the token's (or any key when the token has no `kid`).
 */
export async function discoverPublicKeys(
  ctx: CheckContext,
  token: DecodedJwt,
  maxRequests = 8,
): Promise<DiscoveredKeys> {
  const origin = new URL(ctx.target).origin;
  const candidates: string[] = [];
  const add = (url: string) => {
    try {
      const parsed = new URL(url);
      if (parsed.origin === origin && !candidates.includes(parsed.href)) candidates.push(parsed.href);
    } catch {
      // not a URL
    }
  };
  for (const operation of ctx.model.operations) {
    if (operation.method !== 'get' || operation.isWebhook || !DESCRIBED_KEY_PATH.test(operation.path))
      continue;
    if (operation.parameters.some((p) => p.in === 'path')) continue;
    add(joinTargetUrl(ctx.target, operation.path));
  }
  const roots = [ctx.target];
  const iss = token.payload['iss'];
  if (typeof iss === 'string' && /^https?:\/\//i.test(iss)) roots.unshift(iss.replace(/\/+$/, ''));
  if (new URL(ctx.target).pathname.replace(/\/+$/, '') !== '') roots.push(origin);
  for (const path of WELL_KNOWN_KEY_PATHS) for (const root of roots) add(joinTargetUrl(root, path));

  const keys: PublishedKey[] = [];
  const responses: ScanResponse[] = [];
  const kid = typeof token.header['kid'] === 'string' ? token.header['kid'] : undefined;
  const done = () => keys.length > 0 && (kid === undefined || keys.some((k) => k.kid === kid));
  let requests = 0;
  for (let index = 0; index < candidates.length && requests < maxRequests && !done(); index++) {
    const url = candidates[index]!;
    let response: ScanResponse;
    try {
      requests++;
      response = await ctx.transport.send({ method: 'GET', url, headers: { accept: 'application/json' } });
    } catch {
      continue;
    }
    if (response.status < 200 || response.status >= 300) continue;
    const found = parseJwks(response.body, url).filter((k) => !keys.some((known) => known.key.equals(k.key)));
    if (found.length > 0) {
      keys.push(...found);
      responses.push(response);
    }
    try {
      const jwksUri = (JSON.parse(response.body) as { jwks_uri?: unknown }).jwks_uri;
      if (typeof jwksUri === 'string') {
        const next = new URL(jwksUri, url).href;
        if (new URL(next).origin === origin && !candidates.includes(next))
          candidates.splice(index + 1, 0, next);
      }
    } catch {
      // not JSON
    }
  }
  return { keys, responses, requests };
}
