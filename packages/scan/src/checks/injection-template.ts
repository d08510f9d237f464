import type { Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { baseValueOf, buildInjectedRequest } from '../injection/build-injected-request.js';
import { describePoint } from '../injection/describe-point.js';
import {
  type InjectionPoint,
  type InjectionTarget,
  listInjectionTargets,
} from '../injection/list-injection-targets.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import type { IdentitySession } from '../identities/identity-session.js';

/** Template syntaxes (Jinja/Twig/Handlebars-like, JS/EL/Freemarker, ERB/EJS, Ruby/Pug), `{e}` the expression. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: these are the payloads, not placeholders
const SYNTAXES = ['{{{e}}}', '${{e}}', '<%= {e} %>', '#{{e}}'];
/** Distinct products: the first detects, the second confirms (no baseline has both by chance). */
const FIRST = { expression: '7*7', result: '49' };
const SECOND = { expression: '7*191', result: '1337' };
const OPEN = 'zq';
const CLOSE = 'qz';
const MAX_OPERATIONS = 40;

const payload = (syntax: string, expression: string) => `${OPEN}${syntax.replace('{e}', expression)}${CLOSE}`;
const evaluated = (body: string, result: string) => body.includes(`${OPEN}${result}${CLOSE}`);

/** GETs that may show what a write stored: the same path, and paths under it without further parameters. */
function readersOf(ctx: CheckContext, write: Operation): Operation[] {
  return ctx.model.operations.filter(
    (op) =>
      op.method === 'get' &&
      !op.isWebhook &&
      (op.path === write.path ||
        (op.path.startsWith(`${write.path}/`) && !op.path.slice(write.path.length).includes('{'))),
  );
}

export const injectionTemplate = defineCheck({
  id: 'injection-template',
  title: 'Server-side template injection',
  severity: 'high',
  owasp: 'API8',
  cwe: 1336,
  maxRequests: 300,
  description:
    `Template expressions in four syntaxes ({{7*7}}, \${7*7}, <%= 7*7 %>, #{7*7}), fenced by two unusual ` +
    'letters, are put into every free-text string parameter and body property. Reflected: the answer shows the ' +
    'product (zq49qz) instead of the expression. Stored: a value written through PATCH/PUT is read back through ' +
    'the GETs of the same path and the paths under it (a profile field rendered by a greeting). A second ' +
    'product (7*191 = 1337) in the same syntax confirms; stored values are restored afterwards.',
  remediation:
    'Never build templates from user input: pass user values to the template as data (context variables), ' +
    'and use a logic-less or sandboxed engine for user-authored templates.',
  async run(ctx) {
    const session = selectInjectionSession(ctx);
    const reported = new Set<string>();
    for (const target of listInjectionTargets(ctx, session, { limit: MAX_OPERATIONS })) {
      for (const point of target.points) {
        if (reported.has(target.operation.key)) break;
        if (await probeReflected(ctx, session, target, point)) reported.add(target.operation.key);
      }
    }
    if (ctx.options.readOnly) return;
    for (const target of listInjectionTargets(ctx, session, { limit: MAX_OPERATIONS })) {
      const write = target.operation;
      if (write.method !== 'patch' && write.method !== 'put') continue;
      for (const point of target.points) {
        if (point.in !== 'body') continue;
        if (await probeStored(ctx, session, target, point, reported)) break;
      }
    }
  },
});

async function probeReflected(
  ctx: CheckContext,
  session: IdentitySession,
  target: InjectionTarget,
  point: InjectionPoint,
): Promise<boolean> {
  const base = baseValueOf(target, point) ?? '';
  const baselineRequest = buildInjectedRequest(ctx, target, point, base || 'rampart');
  if (baselineRequest === undefined) return false;
  const baseline = await session.send(baselineRequest);
  if (baseline.status === 429) return false;
  for (const syntax of SYNTAXES) {
    const request = buildInjectedRequest(ctx, target, point, `${base}${payload(syntax, FIRST.expression)}`);
    if (request === undefined) return false;
    const response = await session.send(request);
    if (!evaluated(response.body, FIRST.result) || evaluated(baseline.body, FIRST.result)) continue;
    const confirmRequest = buildInjectedRequest(
      ctx,
      target,
      point,
      `${base}${payload(syntax, SECOND.expression)}`,
    );
    if (confirmRequest === undefined) return false;
    const { operation } = target;
    return ctx.report({
      operation,
      message: `server-side template injection in ${describePoint(point)} of ${operation.method.toUpperCase()} ${operation.path}: ${JSON.stringify(syntax.replace('{e}', FIRST.expression))} was evaluated`,
      summary: `the answer (${response.status}) shows ${OPEN}${FIRST.result}${CLOSE} for ${payload(syntax, FIRST.expression)}, and ${SECOND.expression} gave ${SECOND.result}`,
      oracle: 'template-expression-evaluated',
      confidence: 'certain',
      snippet: payload(syntax, FIRST.expression),
      responses: [baseline, response],
      tags: ['injection', 'template', 'reflected'],
      confirm: async () => evaluated((await session.send(confirmRequest)).body, SECOND.result),
    });
  }
  return false;
}

async function probeStored(
  ctx: CheckContext,
  session: IdentitySession,
  target: InjectionTarget,
  point: InjectionPoint,
  reported: Set<string>,
): Promise<boolean> {
  const write = target.operation;
  const readers = readersOf(ctx, write)
    .map((op) => ({ op, request: ctx.buildRequest(op, { path: target.base.path }) }))
    .filter((r): r is { op: Operation; request: NonNullable<typeof r.request> } => r.request !== undefined);
  if (readers.length === 0) return false;
  const before = await Promise.all(readers.map((r) => session.send(r.request)));
  if (before.some((r) => r.status === 429)) return false;
  const self = readers.findIndex((r) => r.op.path === write.path);
  let original: unknown;
  try {
    original =
      self >= 0 ? (JSON.parse(before[self]!.body) as Record<string, unknown>)[point.name] : undefined;
  } catch {
    original = undefined;
  }
  // Only fields that can be put back: the same path must show the current value.
  if (typeof original !== 'string') return false;
  const store = async (value: unknown) => {
    const request = buildInjectedRequest(ctx, target, point, value);
    if (request === undefined) return undefined;
    // PATCH and PUT bodies carry only the field under test, so nothing else changes.
    const only = { ...request, body: JSON.stringify({ [point.name]: value }) };
    return session.send(only);
  };
  const readBack = async (result: string) => {
    for (const [index, reader] of readers.entries()) {
      const response = await session.send(reader.request);
      if (evaluated(response.body, result) && !evaluated(before[index]!.body, result))
        return { reader, response };
    }
    return undefined;
  };
  try {
    for (const syntax of SYNTAXES) {
      const written = await store(payload(syntax, FIRST.expression));
      if (written === undefined || written.status < 200 || written.status >= 300) return false;
      const seen = await readBack(FIRST.result);
      if (seen === undefined) continue;
      if (reported.has(seen.reader.op.key)) return true;
      const ok = await ctx.report({
        operation: seen.reader.op,
        message: `stored server-side template injection: ${point.name} written through ${write.method.toUpperCase()} ${write.path} as ${JSON.stringify(syntax.replace('{e}', FIRST.expression))} is evaluated by GET ${seen.reader.op.path}`,
        summary: `after ${write.method.toUpperCase()} ${write.path} set ${point.name} to ${payload(syntax, FIRST.expression)}, GET ${seen.reader.op.path} answered ${OPEN}${FIRST.result}${CLOSE}; ${SECOND.expression} gave ${SECOND.result} (value restored afterwards)`,
        oracle: 'stored-template-expression-evaluated',
        confidence: 'certain',
        snippet: payload(syntax, FIRST.expression),
        responses: [written, seen.response],
        tags: ['injection', 'template', 'stored'],
        related: [{ operation: write }],
        confirm: async () => {
          const again = await store(payload(syntax, SECOND.expression));
          if (again === undefined || again.status >= 300) return false;
          const response = await session.send(seen.reader.request);
          return evaluated(response.body, SECOND.result);
        },
      });
      if (ok) reported.add(seen.reader.op.key);
      return ok;
    }
    return false;
  } finally {
    await store(original);
  }
}
