import type { CheckContext } from '../check-context.js';
import { replaceJwt } from '../identities/apply-credentials.js';
import { type JwtProbe, selectJwtProbe } from '../select-jwt-probe.js';
import type { ScanResponse } from '../transport/scan-transport.js';
import { classifyJwtAlgorithm, type JwtAlgorithmFamily } from './classify-jwt-algorithm.js';
import { corruptSignature } from './forge-jwt.js';

/** A JWT probe whose API is known to check signatures: the same token with a wrong signature is refused. */
export interface ForgeryProbe extends JwtProbe {
  readonly family: JwtAlgorithmFamily;
  /** The answer to the identity's token with every signature byte inverted (refused). */
  readonly control: ScanResponse;
  /**
   * The differential oracle: `response` is accepted like the genuine token, and the wrong-signature control,
   * sent again now, is still refused (so an API that checks nothing is never credited to a specific attack).
   */
  acceptedWhileControlRefused(response: ScanResponse): Promise<boolean>;
}

/**
 * For each algorithm family in `families` (in order), the first identity whose token uses it (see
 * {@link selectJwtProbe}), kept only when a copy of its token with a corrupted signature is refused. One
 * request per family found, plus the probe's baseline.
 */
export async function selectForgeryProbes(
  ctx: CheckContext,
  families: readonly JwtAlgorithmFamily[],
): Promise<ForgeryProbe[]> {
  const probes: ForgeryProbe[] = [];
  for (const family of families) {
    const probe = await selectJwtProbe(ctx, (d) => classifyJwtAlgorithm(d.header['alg']) === family);
    if (probe === undefined) continue;
    const controlCredentials = replaceJwt(probe.credentials, probe.jwt, corruptSignature(probe.jwt.token));
    const control = await probe.send(controlCredentials);
    if (probe.accepted(control)) continue;
    probes.push({
      ...probe,
      family,
      control,
      async acceptedWhileControlRefused(response) {
        return probe.accepted(response) && !probe.accepted(await probe.send(controlCredentials));
      },
    });
  }
  return probes;
}
