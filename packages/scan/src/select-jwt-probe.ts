import type { CheckContext } from './check-context.js';
import { applyCredentials } from './identities/apply-credentials.js';
import type { Credentials, HeldJwt, IdentitySession } from './identities/identity-session.js';
import { type DecodedJwt, decodeJwt } from './jwt/decode-jwt.js';
import { measureSimilarity } from './measure-similarity.js';
import type { ScanRequest, ScanResponse } from './transport/scan-transport.js';

/** A JWT an identity holds, the preflight request it passed with it, and how to judge a forged one. */
export interface JwtProbe {
  readonly session: IdentitySession;
  readonly credentials: Credentials;
  readonly jwt: HeldJwt;
  readonly decoded: DecodedJwt;
  readonly request: ScanRequest;
  readonly baseline: ScanResponse;
  /** Sends the preflight request with `credentials`. */
  send(credentials: Credentials): Promise<ScanResponse>;
  /** True when a response is what the genuine token gets (2xx, ≥ 90 % alike) and anonymous does not. */
  accepted(response: ScanResponse): boolean;
}

/**
 * The first identity (users before admins) that holds a JWT and passed preflight, with its probe request.
 * With `accepts`, only tokens it accepts count (e.g. RS256 ones for key confusion). Undefined when no identity
 * holds such a JWT.
 */
export async function selectJwtProbe(
  ctx: CheckContext,
  accepts?: (decoded: DecodedJwt) => boolean,
): Promise<JwtProbe | undefined> {
  for (const session of [...ctx.users, ...ctx.admins]) {
    const preflight = ctx.preflight.find((p) => p.identity === session.name);
    if (preflight === undefined) continue;
    const credentials = await session.credentials();
    const jwt = credentials.jwt;
    const decoded = jwt && decodeJwt(jwt.token);
    if (jwt === undefined || decoded === undefined) continue;
    if (accepts !== undefined && !accepts(decoded)) continue;
    const baseline = await session.sendWith(preflight.request, credentials);
    if (baseline.status < 200 || baseline.status >= 300) continue;
    const anonymous = preflight.anonymousResponse;
    const accepted = (response: ScanResponse) =>
      response.status >= 200 &&
      response.status < 300 &&
      measureSimilarity(response.body, baseline.body) >= 0.9 &&
      !(anonymous.status === response.status && anonymous.body === response.body);
    return {
      session,
      credentials,
      jwt,
      decoded,
      request: preflight.request,
      baseline,
      send: (creds) =>
        ctx.transport.send(applyCredentials({ ...preflight.request, identity: session.name }, creds)),
      accepted,
    };
  }
  return undefined;
}
