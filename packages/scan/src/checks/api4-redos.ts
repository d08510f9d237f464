import { defineCheck } from '../define-check.js';
import { baseValueOf, buildInjectedRequest } from '../injection/build-injected-request.js';
import { describePoint } from '../injection/describe-point.js';
import { listInjectionTargets } from '../injection/list-injection-targets.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import type { ScanResponse } from '../transport/scan-transport.js';

/** Inputs that are likely compiled as patterns. */
const PATTERN_LIKE =
  /^(q|query|search|filter|pattern|regex|regexp|match|expr|expression|term|keyword|keywords|find|grep)$/i;
/**
 * Backtracking patterns that fail on any text, so their cost does not depend on planted data: `(.*){k}X`
 * costs about n^k steps per text of length n. The ladder climbs k only while each step is measurably slower
 * than the last (evidence the input runs as a pattern), so a target without a regex never sees the steep ones.
 */
const LADDER = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((k) => `(.*){${k}}rampartX`);
const SLOW_MS = 750;
const FACTOR = 10;
const CALM_BASELINE_MS = 200;
const NOISE_MS = 30;
const CONFIRM_SHARE = 0.8;

export const api4Redos = defineCheck({
  id: 'api4-redos',
  title: 'Regular expression denial of service',
  severity: 'medium',
  owasp: 'API4',
  cwe: 1333,
  maxRequests: 60,
  description:
    'String inputs named like searches or patterns (q, search, filter, pattern, regex, …) get a ladder of ' +
    'backtracking patterns (.*){k}X, k = 3…12, that fail on any text and cost about n^k steps per text; the ' +
    'ladder stops after two rungs no slower than before. The baseline is the slowest of three answers to an ' +
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
        let previousMs = baselineMs;
        let flat = 0;
        for (const payload of LADDER) {
          const request = buildInjectedRequest(ctx, target, point, payload);
          if (request === undefined) break;
          const send = () => session.send(request);
          // Repeats must stay slow, with some slack for a warmed-up engine (regex compilation caches).
          const slow = async () => {
            const response = await send();
            return response.durationMs >= threshold * CONFIRM_SHARE && response.status !== 429
              ? response
              : undefined;
          };
          const first = await send();
          if (first.status === 429) break;
          if (first.durationMs < threshold) {
            // Climb through noise-level timings; once measurable, only while the cost grows (each step costs
            // about n/k times the last, so the next one stays bounded): flat timings mean no pattern runs.
            // Two flat rungs in a row end the climb (one can be noise).
            flat = first.durationMs >= NOISE_MS && first.durationMs < previousMs * 1.1 ? flat + 1 : 0;
            if (flat >= 2) break;
            previousMs = Math.max(previousMs, first.durationMs);
            continue;
          }
          const second = await slow();
          if (second === undefined) break;
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
