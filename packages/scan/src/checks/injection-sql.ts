import { defineCheck } from '../define-check.js';
import { baseValueOf, buildInjectedRequest } from '../injection/build-injected-request.js';
import { describePoint } from '../injection/describe-point.js';
import { detectTimeDelay } from '../injection/detect-time-delay.js';
import { listInjectionTargets } from '../injection/list-injection-targets.js';
import { normalizeBody } from '../injection/normalize-body.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import { ERROR_SIGNATURES } from '../match-error-signature.js';
import { measureSimilarity } from '../measure-similarity.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

const SQL_SIGNATURES = ERROR_SIGNATURES.filter((s) => s.stack === 'SQL').map((s) => s.pattern);
const ERROR_PAYLOADS = ["'", '")'];
/** True/false condition pairs, appended to the base value (string context, single then double quotes). */
const BOOLEAN_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["' OR '1'='1", "' AND '1'='2"],
  ['" OR "1"="1', '" AND "1"="2'],
];
const CONFIRM_PAIR: Record<string, readonly [string, string]> = {
  "'": ["' OR 'a'='a", "' OR 'a'='b"],
  '"': ['" OR "a"="a', '" OR "a"="b'],
};
/** Time payloads by database; `{d}` is the delay in seconds. Each sleeps once (not per row). */
const TIME_PAYLOADS = [
  "' AND (SELECT 1 FROM (SELECT SLEEP({d}))r)-- -",
  "';SELECT pg_sleep({d})--",
  "';WAITFOR DELAY '0:0:{d}'--",
];
const MAX_OPERATIONS = 40;

const sqlError = (body: string) => {
  for (const pattern of SQL_SIGNATURES) {
    const match = pattern.exec(body);
    if (match) return match[0].slice(0, 160);
  }
  return undefined;
};

export const injectionSql = defineCheck({
  id: 'injection-sql',
  title: 'SQL injection',
  severity: 'high',
  owasp: 'API8',
  cwe: 89,
  maxRequests: 400,
  description:
    'Every free-text string parameter and JSON body property (values from the value pool, so the request is ' +
    'otherwise valid) gets three families of probes, strongest proof first. Boolean-based: a true and a false ' +
    'condition appended to the value; the false one must answer like the value itself and the true one ' +
    'differently (payload echoes, UUIDs and timestamps are ignored when comparing), confirmed with a second ' +
    'pair. Error-based: a quote that makes the answer carry a database error the normal answer does not. ' +
    'Time-based: SLEEP, ' +
    'pg_sleep and WAITFOR payloads that must delay the answer by 1 s and then 2 s beyond the slowest baseline.',
  remediation:
    'Use parameterized queries (bound parameters) or a query builder for every value that reaches SQL; never ' +
    'concatenate request input into a statement. Do not return database errors to clients.',
  async run(ctx) {
    const session = selectInjectionSession(ctx);
    for (const target of listInjectionTargets(ctx, session, { limit: MAX_OPERATIONS })) {
      const { operation } = target;
      let found = false;
      for (const point of target.points) {
        if (found) break;
        const base = baseValueOf(target, point) ?? 'rampart';
        const send = async (
          suffix: string,
        ): Promise<{ request: ScanRequest; response: ScanResponse } | undefined> => {
          const request = buildInjectedRequest(ctx, target, point, `${base}${suffix}`);
          return request && { request, response: await session.send(request) };
        };
        const baseline = await send('');
        if (baseline === undefined || baseline.response.status === 429) continue;
        const where = `${describePoint(point)} of ${operation.method.toUpperCase()} ${operation.path}`;

        // Boolean-based.
        const alike = (a: ScanResponse, b: ScanResponse, echoes: string[]) =>
          a.status === b.status &&
          measureSimilarity(normalizeBody(a.body, echoes), normalizeBody(b.body, echoes)) >= 0.95;
        const judgePair = async ([truePart, falsePart]: readonly [string, string]) => {
          const echoes = [`${base}${truePart}`, `${base}${falsePart}`, base];
          const yes = await send(truePart);
          const no = await send(falsePart);
          const again = await send('');
          if (yes === undefined || no === undefined || again === undefined) return undefined;
          const stable = alike(again.response, baseline.response, echoes);
          const falseLikeBase = alike(no.response, baseline.response, echoes);
          const trueDiffers =
            isSuccess(yes.response) &&
            !sqlError(yes.response.body) &&
            !alike(yes.response, no.response, echoes) &&
            measureSimilarity(
              normalizeBody(yes.response.body, echoes),
              normalizeBody(no.response.body, echoes),
            ) < 0.9;
          return stable && falseLikeBase && trueDiffers ? { yes, no } : undefined;
        };
        for (const pair of BOOLEAN_PAIRS) {
          const proof = await judgePair(pair);
          if (proof === undefined) continue;
          const confirmPair = CONFIRM_PAIR[pair[0].slice(0, 1)]!;
          found = await ctx.report({
            operation,
            message: `SQL injection in ${where}: appending ${JSON.stringify(pair[0])} changes the answer while ${JSON.stringify(pair[1])} answers like the value alone`,
            summary: `true condition: ${proof.yes.response.status} (${proof.yes.response.body.length} bytes); false condition: ${proof.no.response.status} like the baseline (${baseline.response.body.length} bytes); confirmed with ${JSON.stringify(confirmPair[0])} / ${JSON.stringify(confirmPair[1])}`,
            oracle: 'sql-boolean-differential',
            confidence: 'certain',
            snippet: `${base}${pair[0]}`,
            responses: [baseline.response, proof.no.response, proof.yes.response],
            tags: ['injection', 'sql', 'boolean-based'],
            confirm: async () => (await judgePair(confirmPair)) !== undefined,
          });
          if (found) break;
        }
        if (found) break;

        // Error-based.
        for (const payload of ERROR_PAYLOADS) {
          const attempt = await send(payload);
          const signature = attempt && sqlError(attempt.response.body);
          if (attempt === undefined || signature === undefined || sqlError(baseline.response.body)) continue;
          found = await ctx.report({
            operation,
            message: `SQL injection in ${where}: the value ${JSON.stringify(`${base}${payload}`)} made the answer carry a database error`,
            summary: `${attempt.response.status} with a SQL error (${signature}) for a quote appended to the value; the value alone answered ${baseline.response.status} without one`,
            oracle: 'sql-error-signature',
            confidence: 'firm',
            snippet: signature,
            responses: [baseline.response, attempt.response],
            tags: ['injection', 'sql', 'error-based'],
            confirm: async () => sqlError((await session.send(attempt.request)).body) !== undefined,
          });
          if (found) break;
        }
        if (found) break;

        // Time-based.
        const baselineMs = Math.max(baseline.response.durationMs, 1);
        for (const template of TIME_PAYLOADS) {
          const sendDelay = async (seconds: number) => {
            const attempt = await send(template.replaceAll('{d}', String(seconds)));
            if (attempt === undefined) throw new TypeError('unbuildable request');
            return attempt.response;
          };
          const proof = await detectTimeDelay(sendDelay, baselineMs);
          if (proof === undefined) continue;
          found = await ctx.report({
            operation,
            message: `time-based SQL injection in ${where}: ${JSON.stringify(template.replaceAll('{d}', 'N'))} delays the answer by N seconds`,
            summary: `baseline ${Math.round(proof.baselineMs)} ms; asked for ${proof.delays.join(' s and ')} s, answered after ${proof.responses.map((r) => Math.round(r.durationMs)).join(' ms and ')} ms`,
            oracle: 'sql-time-delay',
            confidence: 'firm',
            snippet: template.replaceAll('{d}', String(proof.delays[0])),
            responses: [baseline.response, ...proof.responses],
            tags: ['injection', 'sql', 'time-based'],
            confirm: async () => (await detectTimeDelay(sendDelay, baselineMs)) !== undefined,
          });
          if (found) break;
        }
      }
    }
  },
});
