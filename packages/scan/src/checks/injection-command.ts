import { defineCheck } from '../define-check.js';
import { baseValueOf, buildInjectedRequest } from '../injection/build-injected-request.js';
import { describePoint } from '../injection/describe-point.js';
import { detectTimeDelay } from '../injection/detect-time-delay.js';
import { listInjectionTargets } from '../injection/list-injection-targets.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import type { ScanResponse } from '../transport/scan-transport.js';

/** Shell separators that run a second command after the value, each with `id` (output) and `sleep` (time). */
const SEPARATORS: ReadonlyArray<readonly [string, string]> = [
  [';', ''],
  ['|', ''],
  ['$(', ')'],
  ['`', '`'],
];
const ID_OUTPUT = /uid=\d+\([\w.-]*\)\s+gid=\d+/;
const MAX_OPERATIONS = 40;

export const injectionCommand = defineCheck({
  id: 'injection-command',
  title: 'OS command injection',
  severity: 'critical',
  owasp: 'API8',
  cwe: 78,
  maxRequests: 400,
  description:
    'Every free-text string parameter and JSON body property gets its pooled value followed by a shell ' +
    'separator (`;`, `|`, `$()`, backticks) and a harmless command. Output-based: `id` whose `uid=N(name) gid=N` ' +
    'output appears in the answer and not in the baseline. Time-based (when no output shows): `sleep 1` and ' +
    '`sleep 2` must delay the answer by about that much beyond the slowest baseline answer.',
  remediation:
    'Never pass request input to a shell. Call programs with an argument vector (execFile/spawn without a ' +
    'shell) and validate the value against a strict allow-list (a hostname or IP address pattern).',
  async run(ctx) {
    const session = selectInjectionSession(ctx);
    for (const target of listInjectionTargets(ctx, session, { limit: MAX_OPERATIONS })) {
      const { operation } = target;
      let found = false;
      for (const point of target.points) {
        if (found) break;
        const base = baseValueOf(target, point) ?? 'rampart';
        const send = async (value: string) => {
          const request = buildInjectedRequest(ctx, target, point, value);
          return request && { request, response: await session.send(request) };
        };
        const baseline = await send(base);
        if (baseline === undefined || baseline.response.status === 429) continue;
        if (ID_OUTPUT.test(baseline.response.body)) continue;
        const where = `${describePoint(point)} of ${operation.method.toUpperCase()} ${operation.path}`;

        for (const [open, close] of SEPARATORS) {
          const value = `${base}${open}id${close}`;
          const attempt = await send(value);
          const output = attempt && ID_OUTPUT.exec(attempt.response.body)?.[0];
          if (attempt === undefined || output === undefined) continue;
          found = await ctx.report({
            operation,
            message: `OS command injection in ${where}: ${JSON.stringify(value)} ran \`id\` on the server`,
            summary: `the answer (${attempt.response.status}) carries the output of id: ${output}`,
            oracle: 'command-output',
            confidence: 'certain',
            snippet: output,
            responses: [baseline.response, attempt.response],
            tags: ['injection', 'command', 'output-based'],
            confirm: async () => ID_OUTPUT.test((await session.send(attempt.request)).body),
          });
          if (found) break;
        }
        if (found) break;

        const baselineMs = Math.max(baseline.response.durationMs, 1);
        for (const [open, close] of SEPARATORS) {
          const sendDelay = async (seconds: number): Promise<ScanResponse> => {
            const attempt = await send(`${base}${open}sleep ${seconds}${close}`);
            if (attempt === undefined) throw new TypeError('unbuildable request');
            return attempt.response;
          };
          const proof = await detectTimeDelay(sendDelay, baselineMs);
          if (proof === undefined) continue;
          found = await ctx.report({
            operation,
            message: `OS command injection in ${where}: ${JSON.stringify(`${open}sleep N${close}`)} appended to the value delays the answer by N seconds`,
            summary: `baseline ${Math.round(baselineMs)} ms; sleep ${proof.delays.join(' and sleep ')} answered after ${proof.responses.map((r) => Math.round(r.durationMs)).join(' ms and ')} ms`,
            oracle: 'command-time-delay',
            confidence: 'firm',
            snippet: `${base}${open}sleep ${proof.delays[0]}${close}`,
            responses: [baseline.response, ...proof.responses],
            tags: ['injection', 'command', 'time-based'],
            confirm: async () => (await detectTimeDelay(sendDelay, baselineMs)) !== undefined,
          });
          if (found) break;
        }
      }
    }
  },
});
