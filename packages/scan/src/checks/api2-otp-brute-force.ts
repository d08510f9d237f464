import type { JsonSchema, Operation } from '@rampart/openapi';
import { defineCheck } from '../define-check.js';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import { findPasswordLogin } from '../find-password-login.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

const CODE_FIELD = /^(otp|code|pin|token|totp|verificationcode|otpcode|resetcode|onetimecode|smscode)$/i;
const USERNAME = /^(username|user|login|email|e-?mail|account|phone)$/i;
const NEW_PASSWORD = /^(newpassword|password|newpass)$/i;
const GUESSES = 10;
const BLIND_GUESSES = 20;
const CONFIRM_GUESSES = 5;
const LOCKED = /lock|too many|attempts|try again later|captcha|blocked|rate.?limit/i;
const resisted = (r: ScanResponse) =>
  r.status === 429 || r.status === 423 || r.headers['retry-after'] !== undefined || LOCKED.test(r.body);
const props = (op: Operation) => (findJsonBodySchema(op)?.['properties'] ?? {}) as Record<string, JsonSchema>;
const key = (name: string) => name.replace(/[^a-z0-9]/gi, '');

/** Length of the codes a field takes: from its pattern (`^[0-9]{6}$`) or maxLength, default 6. */
function codeLength(schema: JsonSchema): number {
  const pattern = typeof schema['pattern'] === 'string' ? /\{(\d)\}/.exec(schema['pattern'])?.[1] : undefined;
  if (pattern) return Number(pattern);
  return typeof schema['maxLength'] === 'number' && schema['maxLength'] <= 8 ? schema['maxLength'] : 6;
}

export const api2OtpBruteForce = defineCheck({
  id: 'api2-otp-brute-force',
  title: 'One-time codes can be guessed without limit',
  severity: 'high',
  owasp: 'API2',
  cwe: 307,
  maxRequests: 40,
  description:
    'An operation that checks a one-time code (a body with an otp/code/pin field next to a username, on a ' +
    'reset/verify/confirm path) is found with the operation that sends the code (the parent path). A code is ' +
    "requested for the scan's own identity and 10 wrong codes are sent. With a one-time-code sink wired in " +
    "(ScanOptions.readOtp, e.g. a test SMS inbox), the right code is then sent (with the identity's own " +
    'password as the new one): accepted after 10 failures = no attempt limit (high). Without a sink, 20 wrong ' +
    'codes answered alike with no lockout signal are reported at low severity (not proven).',
  remediation:
    'Invalidate a one-time code after a few wrong attempts (3–5), rate-limit verification per account and ' +
    'client, use codes long enough for the attempts allowed, and expire them quickly.',
  async run(ctx) {
    if (ctx.options.readOnly) return;
    const login = [...ctx.users]
      .reverse()
      .map((s) => findPasswordLogin(s, ctx.model, ctx.target))
      .find(Boolean);
    if (login === undefined) return;
    for (const confirm of ctx.model.operations) {
      if (confirm.method !== 'post' || confirm.isWebhook) continue;
      const fields = props(confirm);
      const codeField = Object.keys(fields).find((f) => CODE_FIELD.test(key(f)));
      const userField = Object.keys(fields).find((f) => USERNAME.test(key(f)));
      if (codeField === undefined || userField === undefined) continue;
      const parent = confirm.path.replace(/\/[^/]+$/, '');
      const issuer = ctx.model.operations.find(
        (op) =>
          op.method === 'post' &&
          op.path === parent &&
          Object.keys(props(op)).some((f) => USERNAME.test(key(f))),
      );
      if (issuer === undefined) continue;
      const issuerField = Object.keys(props(issuer)).find((f) => USERNAME.test(key(f)))!;
      const passwordField = Object.keys(fields).find((f) => NEW_PASSWORD.test(key(f)));
      const length = codeLength(fields[codeField]!);
      const body = (code: string): Record<string, unknown> => ({
        [userField]: login.username,
        [codeField]: code,
        ...(passwordField ? { [passwordField]: login.password } : {}),
      });
      const send = (request: ScanRequest | undefined) =>
        request ? ctx.transport.send({ ...request, identity: 'anonymous' }) : Promise.resolve(undefined);
      const issue = () => send(ctx.buildRequest(issuer, { body: { [issuerField]: login.username } }));
      const guess = (index: number) =>
        send(
          ctx.buildRequest(confirm, {
            body: body(
              String(index * 7919 + 13)
                .padStart(length, '0')
                .slice(-length),
            ),
          }),
        );

      const round = async (guesses: number) => {
        const since = Date.now();
        const issued = await issue();
        if (issued === undefined || !isSuccess(issued)) return undefined;
        const wrong: ScanResponse[] = [];
        for (let i = 0; i < guesses; i++) {
          const response = await guess(i);
          if (response === undefined || isSuccess(response) || resisted(response)) return undefined;
          wrong.push(response);
        }
        if (!wrong.every((r) => r.status === wrong[0]!.status)) return undefined;
        const code = await ctx.readOtp?.({ username: login.username, since });
        if (code === undefined) return { wrong, right: undefined };
        const right = await send(ctx.buildRequest(confirm, { body: body(code) }));
        return right && { wrong, right };
      };

      if (ctx.readOtp !== undefined) {
        const proof = await round(GUESSES);
        if (proof?.right === undefined || !isSuccess(proof.right)) continue;
        await ctx.report({
          operation: confirm,
          message: `POST ${confirm.path} accepted the right one-time code for ${login.session.name} after ${GUESSES} wrong ones: the code is not invalidated and attempts are not limited`,
          summary: `${GUESSES} wrong codes answered ${proof.wrong[0]!.status} with no lockout; the right code, read from the configured code sink, then answered ${proof.right.status}`,
          oracle: 'otp-accepted-after-failures',
          confidence: 'certain',
          responses: [proof.wrong[0]!, proof.wrong.at(-1)!, proof.right],
          tags: ['brute-force', 'otp'],
          confirm: async () => {
            const again = await round(CONFIRM_GUESSES);
            return again?.right !== undefined && isSuccess(again.right);
          },
        });
        return;
      }
      const blind = await round(BLIND_GUESSES);
      if (blind === undefined) continue;
      await ctx.report({
        operation: confirm,
        message: `POST ${confirm.path} answered ${BLIND_GUESSES} wrong one-time codes alike with no lockout signal (configure readOtp to prove whether the code survives)`,
        summary: `${BLIND_GUESSES} wrong codes, all ${blind.wrong[0]!.status}, no 429, Retry-After or lockout message`,
        oracle: 'otp-failures-unthrottled',
        confidence: 'tentative',
        severity: 'low',
        responses: [blind.wrong[0]!, blind.wrong.at(-1)!],
        tags: ['brute-force', 'otp'],
      });
      return;
    }
  },
});
