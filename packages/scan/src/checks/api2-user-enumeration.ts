import { randomBytes } from 'node:crypto';
import type { Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import { buildLoginRequest, findPasswordLogin } from '../find-password-login.js';
import { normalizeBody } from '../injection/normalize-body.js';
import { measureSimilarity } from '../measure-similarity.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

const RESET = /reset|forgot|recover|magic|otp|passwordless|invite/i;
const USERNAME = /^(username|user|login|email|e-?mail|account|phone)$/i;

/** True when two answers say the same thing (status and body, with echoes of the usernames and volatile values taken out). */
function alike(a: ScanResponse, b: ScanResponse, echoes: string[]): boolean {
  return (
    a.status === b.status &&
    measureSimilarity(normalizeBody(a.body, echoes), normalizeBody(b.body, echoes)) >= 0.95
  );
}

export const api2UserEnumeration = defineCheck({
  id: 'api2-user-enumeration',
  title: 'User enumeration through login or password reset',
  severity: 'medium',
  owasp: 'API2',
  cwe: 204,
  maxRequests: 30,
  description:
    "The identity's login is sent with a wrong password for its real username and for two made-up usernames; " +
    'password-reset-like operations (a body with only a username or e-mail) get the real and the made-up ' +
    'names. When the two unknown names get the same answer and the real one a different status or body ' +
    '(echoed names, ids and timestamps ignored), the API tells who has an account. 429 answers are inconclusive.',
  remediation:
    'Answer "invalid credentials" identically (status, body, timing) for unknown users and wrong passwords, ' +
    'and answer password-reset requests the same whether or not the account exists.',
  async run(ctx) {
    if (ctx.options.readOnly) return;
    const login = ctx.users.map((s) => findPasswordLogin(s, ctx.model, ctx.target)).find(Boolean);
    if (login === undefined) return;
    const unknown = () => `rampart-nobody-${randomBytes(4).toString('hex')}`;
    const wrong = `Wrong-${randomBytes(6).toString('hex')}`;
    await compare(
      ctx,
      login.operation ? { operation: login.operation } : { method: login.step.method, path: login.step.path },
      'login',
      login.username,
      unknown,
      (name) => buildLoginRequest(login, ctx.target, login.body(name, wrong)),
    );
    for (const operation of ctx.model.operations) {
      if (operation.method !== 'post' || !RESET.test(`${operation.path} ${operation.operationId ?? ''}`))
        continue;
      const props = Object.keys((findJsonBodySchema(operation)?.['properties'] ?? {}) as object);
      const field = props.find((p) => USERNAME.test(p));
      if (field === undefined || props.length > 2) continue;
      await compare(ctx, { operation }, 'password reset', login.username, unknown, (name) =>
        ctx.buildRequest(operation, { body: { [field]: name } }),
      );
    }
  },
});

async function compare(
  ctx: CheckContext,
  where: { operation: Operation } | { method: string; path: string },
  what: string,
  known: string,
  unknown: () => string,
  build: (name: string) => ScanRequest | undefined,
): Promise<boolean> {
  const observe = async () => {
    const names = [unknown(), unknown()];
    const requests = [build(names[0]!), build(names[1]!), build(known)];
    if (requests.some((r) => r === undefined)) return undefined;
    const [first, second, real] = await Promise.all(
      (requests as ScanRequest[]).map((r) => ctx.transport.send({ ...r, identity: 'anonymous' })),
    );
    const echoes = [...names, known];
    if ([first, second, real].some((r) => r!.status === 429)) return undefined;
    if (!alike(first!, second!, echoes) || alike(first!, real!, echoes)) return undefined;
    return { unknown: first!, real: real! };
  };
  const proof = await observe();
  if (proof === undefined) return false;
  const path = 'operation' in where ? where.operation.path : where.path;
  return ctx.report({
    ...where,
    message: `${what} at ${path} tells existing from unknown users: an unknown username gets ${proof.unknown.status}, an existing one ${proof.real.status}${proof.unknown.status === proof.real.status ? ' with a different body' : ''}`,
    summary: `two made-up usernames got the same answer (${proof.unknown.status}); the real username "${known}" got another (${proof.real.status}: ${proof.real.body.slice(0, 80)})`,
    oracle: 'differential-answer-by-user-existence',
    confidence: 'certain',
    responses: [proof.unknown, proof.real],
    tags: ['user-enumeration', 'authentication'],
    confirm: async () => (await observe()) !== undefined,
  });
}
