import { randomBytes } from 'node:crypto';
import { defineCheck } from '../define-check.js';
import { buildLoginRequest, findPasswordLogin } from '../find-password-login.js';
import type { ScanResponse } from '../transport/scan-transport.js';

const ATTEMPTS = 12;
const CONFIRM_ATTEMPTS = 3;
const LOCKED = /lock|too many|try again|captcha|temporar|suspend|blocked|rate.?limit/i;
const resisted = (r: ScanResponse) =>
  r.status === 429 || r.status === 423 || r.headers['retry-after'] !== undefined || LOCKED.test(r.body);

export const api2LoginBruteForce = defineCheck({
  id: 'api2-login-brute-force',
  title: 'No lockout or rate limit on password login',
  severity: 'high',
  owasp: 'API2',
  cwe: 307,
  maxRequests: 30,
  description:
    "The scan's own identity (the last user with a password login flow) fails its login 12 times in a row with " +
    'wrong passwords (3 more on confirmation: 15 at most). No 429/423, Retry-After, lockout or CAPTCHA answer, ' +
    'no growing delay, and a successful login with the right password afterwards mean passwords can be ' +
    'guessed online. On a target that does lock out, that identity stays locked for the lockout period: the ' +
    'check runs late in the scan for that reason.',
  remediation:
    'Limit failed logins per account and per client (exponential back-off or a temporary lockout after a few ' +
    'failures, answered with 429 and Retry-After), alert on credential stuffing, and offer MFA.',
  async run(ctx) {
    if (ctx.options.readOnly) return;
    const login = [...ctx.users]
      .reverse()
      .map((s) => findPasswordLogin(s, ctx.model, ctx.target))
      .find(Boolean);
    if (login === undefined) return;
    const wrong = () =>
      buildLoginRequest(
        login,
        ctx.target,
        login.body(login.username, `Wrong-${randomBytes(6).toString('hex')}`),
      );
    const burst = async (count: number) => {
      const responses: ScanResponse[] = [];
      for (let i = 0; i < count; i++) {
        const response = await ctx.transport.send({ ...wrong(), identity: login.session.name });
        responses.push(response);
        if (resisted(response) || response.status < 400) return undefined;
      }
      const first = responses[0]!.durationMs;
      const last = responses.at(-1)!.durationMs;
      if (last > Math.max(1000, first * 5)) return undefined; // a growing delay is a throttle
      return responses;
    };
    const failures = await burst(ATTEMPTS);
    if (failures === undefined) return;
    const stillWorks = async () => {
      try {
        await login.session.login();
        return true;
      } catch {
        return false;
      }
    };
    if (!(await stillWorks())) return;
    const where = login.operation
      ? { operation: login.operation }
      : { method: login.step.method, path: login.step.path };
    await ctx.report({
      ...where,
      message: `${ATTEMPTS} wrong passwords in a row for ${login.session.name} were all answered ${failures[0]!.status} without lockout, throttling or challenge, and the right password still logged in afterwards`,
      summary: `${ATTEMPTS} failed logins within ${Math.round(failures.reduce((s, r) => s + r.durationMs, 0))} ms; no 429/423, Retry-After or lockout message; the next correct login succeeded`,
      oracle: 'failed-logins-unlimited',
      confidence: 'certain',
      responses: [failures[0]!, failures.at(-1)!],
      tags: ['brute-force', 'authentication'],
      confirm: async () => (await burst(CONFIRM_ATTEMPTS)) !== undefined && (await stillWorks()),
    });
  },
});
