import { RampartError } from '@rampart/core';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';
import { excerptResponseBody } from './excerpt-response-body.js';
import type { IdentitySession } from './identity-session.js';

/** What preflight proved for one identity: the probe request and the answers it and anonymous got. */
export interface PreflightResult {
  readonly identity: string;
  readonly request: ScanRequest;
  readonly response: ScanResponse;
  readonly anonymousResponse: ScanResponse;
}

/**
 * Proves every named identity works before any check runs (silent zero coverage is the commonest failure of
 * scanners): each logs in when it has a flow, then `probe` must answer 2xx for it, and anonymous must be
 * refused or see a different body. Throws `RAMPART_ERR_SCAN_PREFLIGHT` naming the identity and what failed.
 */
export async function preflightIdentities(
  sessions: readonly IdentitySession[],
  probe: ScanRequest,
): Promise<PreflightResult[]> {
  const anonymous = sessions.find((s) => s.anonymous);
  if (anonymous === undefined) throw new TypeError('preflightIdentities needs the anonymous session');
  const anonymousResponse = await anonymous.send(probe);
  const results: PreflightResult[] = [];
  for (const session of sessions) {
    if (session.anonymous) continue;
    await session.credentials();
    const response = await session.send(probe);
    const where = `identity "${session.name}": preflight ${probe.method} ${new URL(probe.url).pathname}`;
    if (response.status < 200 || response.status >= 300) {
      throw new RampartError(
        'RAMPART_ERR_SCAN_PREFLIGHT',
        `${where} answered ${response.status}, expected 2xx (body: ${excerptResponseBody(response)})`,
        {
          hint:
            response.status === 401 || response.status === 403
              ? 'the credentials are not accepted: renew the token or fix the login flow'
              : 'choose another preflight request (identities.yaml preflight: { method, path })',
        },
      );
    }
    const anonymousOk = anonymousResponse.status >= 200 && anonymousResponse.status < 300;
    if (anonymousOk && anonymousResponse.body === response.body) {
      throw new RampartError(
        'RAMPART_ERR_SCAN_PREFLIGHT',
        `${where} answered exactly what anonymous gets, so its credentials prove nothing`,
        { hint: 'choose a preflight request that needs authentication (e.g. GET /users/me)' },
      );
    }
    results.push({ identity: session.name, request: probe, response, anonymousResponse });
  }
  return results;
}
