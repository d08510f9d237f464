import { defineCheck } from '../define-check.js';
import { baseValueOf, buildInjectedRequest } from '../injection/build-injected-request.js';
import { describePoint } from '../injection/describe-point.js';
import { listInjectionTargets } from '../injection/list-injection-targets.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import type { ScanResponse } from '../transport/scan-transport.js';

/** Inputs that are likely compiled as patterns. */
const PATTERN_LIKE = /^(q|query|search|filter|pattern|regex|regexp|match|expr|expression|term|keyword|keywords|find|grep)$/i;
/** Catastrophic-backtracking patterns (nested and overlapping quantifiers). */
const PAYLOADS = ['(a+)+$', '(a|aa)+$', '(.*a){12}$', '^(\\w+\\s?)+$'];
const SLOW_MS = 750;
const FACTOR = 10;
const CALM_BASELINE_MS = 200;

export const api4Redos = defineCheck({
  id: 'api4-redos',
  title: 'Regular expression denial of service',
  severity: 'medium',
  owasp: 'API4',
  cwe: 1333,
  maxRequests: 60,
  description:
    'String inputs named like searches or patterns (q, search, filter, pattern, regex, …) get four ' +
    'catastrophic-backtracking patterns such as (a+)+$. The baseline is the slowest of three answers to an ' +
    `ordinary value (it must be under ${CALM_BASELINE_MS} ms). A payload whose answer takes at least ${SLOW_MS} ms and ` +
    `${FACTOR} times the baseline, and does so again twice, means one request burns the server's CPU. The probe ` +
    'stops at the first slow pattern.',
  remediation:
    'Never compile client input as a regular expression; match it as a literal (escape it), or use a ' +
    'linear-time engine (RE2) with a length limit and a timeout.',
  async run(ctx) {
    const session = selectInjectionSession(ctx);
    const targets = listInjectionTargets(ctx, session, { filter: (point) => PATTERN_LIKE.test(point.name) });
    for (const target of targets) {
      for (const point of target.points) {
        if (point.in === 'header') continue;
        const base = baseValueOf(target, point) ?? 'rampart';
        const baselineRequest = buildInjectedRequest(ctx, target, point, base);
        if (baselineRequest === undefined) continue;
        const baselines: ScanResponse[] = [];
        for (let i = 0; i < 3; i++) baselines.push(await session.send(baselineRequest));
        if (baselines.some((r) => r.status === 429)) continue;
        const baselineMs = Math.max(...baselines.map((r) => r.durationMs));
        if (baselineMs > CALM_BASELINE_MS) continue;
        const threshold = Math.max(SLOW_MS, FACTOR * baselineMs);
        for (const payload of PAYLOADS) {
          const request = buildInjectedRequest(ctx, target, point, payload);
          if (request === undefined) break;
          const slow = async () => {
            const response = await session.send(request);
            return response.durationMs >= threshold && response.status !== 429 ? response : undefined;
          };
          const first = await slow();
          if (first === undefined) continue;
          const second = await slow();
          if (second === undefined) continue;
          const { operation } = target;
          await ctx.report({
            operation,
            message: `ReDoS in ${describePoint(point)} of ${operation.method.toUpperCase()} ${operation.path}: the pattern ${JSON.stringify(payload)} takes ${Math.round(first.durationMs)} ms against a ${Math.round(baselineMs)} ms baseline`,
            summary: `baseline (slowest of 3): ${Math.round(baselineMs)} ms; ${payload}: ${Math.round(first.durationMs)} ms and ${Math.round(second.durationMs)} ms (answers ${first.status}, ${second.status})`,
            oracle: 'regex-backtracking-delay',
            confidence: 'firm',
            snippet: payload,
            responses: [baselines[0]!, first, second],
            tags: ['resource-consumption', 'redos'],
            confirm: async () => (await slow()) !== undefined,
          });
          return;
        }
      }
    }
  },
});
