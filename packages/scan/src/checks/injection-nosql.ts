import { randomBytes } from 'node:crypto';
import { defineCheck } from '../define-check.js';
import { baseValueOf, buildInjectedRequest } from '../injection/build-injected-request.js';
import { describePoint } from '../injection/describe-point.js';
import { listInjectionTargets } from '../injection/list-injection-targets.js';
import { normalizeBody } from '../injection/normalize-body.js';
import { selectInjectionSession } from '../injection/select-injection-session.js';
import { measureSimilarity } from '../measure-similarity.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

/** Operators that match (almost) anything, in JSON bodies and as `name[$op]=` in queries. */
const MATCH_ALL: ReadonlyArray<{ readonly body: unknown; readonly query: string }> = [
  { body: { $ne: null }, query: '[$ne]=' },
  { body: { $gt: '' }, query: '[$gt]=' },
  { body: { $regex: '.*' }, query: '[$regex]=.*' },
];
const MAX_OPERATIONS = 40;

export const injectionNosql = defineCheck({
  id: 'injection-nosql',
  title: 'NoSQL operator injection',
  severity: 'high',
  owasp: 'API8',
  cwe: 943,
  maxRequests: 300,
  description:
    'String JSON body properties get query operators that match anything ({"$ne": null}, {"$gt": ""}, ' +
    '{"$regex": ".*"}) and string query parameters get `name[$ne]=`. The baseline is the same request with an ' +
    'ordinary non-matching value (a wrong password, an unknown name) and the control an operator that matches ' +
    'nothing ({"$in": ["<random>"]}). A finding needs the match-all operator to succeed (2xx where the baseline ' +
    'and the control are refused, or a clearly different 2xx answer) while the control answers like the baseline ' +
    '— an authentication bypass on a login, for instance.',
  remediation:
    'Validate types before querying: a field that must be a string must be rejected when it is an object. ' +
    'Build queries with explicit equality ($eq) or a schema-validating ODM, never from raw request objects.',
  async run(ctx) {
    const session = selectInjectionSession(ctx);
    for (const target of listInjectionTargets(ctx, session, { limit: MAX_OPERATIONS })) {
      const { operation } = target;
      for (const point of target.points) {
        if (point.in !== 'body' && point.in !== 'query') continue;
        const base = baseValueOf(target, point) ?? 'rampart';
        const nomatch = `rampart-${randomBytes(4).toString('hex')}`;
        const build = (operator: (typeof MATCH_ALL)[number] | 'control'): ScanRequest | undefined => {
          if (point.in === 'body') {
            return buildInjectedRequest(
              ctx,
              target,
              point,
              operator === 'control' ? { $in: [nomatch] } : operator.body,
            );
          }
          const plain = buildInjectedRequest(ctx, target, point, nomatch);
          if (plain === undefined) return undefined;
          const url = new URL(plain.url);
          url.searchParams.delete(point.name);
          const extra =
            operator === 'control'
              ? `${encodeURIComponent(point.name)}[$in][]=${nomatch}`
              : `${encodeURIComponent(point.name)}${operator.query}`;
          return { ...plain, url: `${url.href}${url.search ? '&' : '?'}${extra}` };
        };
        const baselineRequest = buildInjectedRequest(
          ctx,
          target,
          point,
          point.in === 'body' ? base : nomatch,
        );
        const controlRequest = build('control');
        if (baselineRequest === undefined || controlRequest === undefined) continue;
        const baseline = await session.send(baselineRequest);
        if (baseline.status === 429) continue;
        const echoes = [base, nomatch];
        const like = (a: ScanResponse, b: ScanResponse) =>
          a.status === b.status &&
          measureSimilarity(normalizeBody(a.body, echoes), normalizeBody(b.body, echoes)) >= 0.9;
        let reported = false;
        for (const operator of MATCH_ALL) {
          const request = build(operator);
          if (request === undefined) break;
          const judge = async () => {
            const attack = await session.send(request);
            if (!isSuccess(attack) || attack.status === 429) return undefined;
            const control = await session.send(controlRequest);
            if (!like(control, baseline)) return undefined;
            const bypass = !isSuccess(baseline);
            const widened =
              isSuccess(baseline) &&
              measureSimilarity(normalizeBody(attack.body, echoes), normalizeBody(baseline.body, echoes)) <
                0.8 &&
              attack.body.length > baseline.body.length;
            return bypass || widened ? { attack, control, bypass } : undefined;
          };
          const proof = await judge();
          if (proof === undefined) continue;
          const shown =
            point.in === 'body' ? JSON.stringify(operator.body) : `${point.name}${operator.query}`;
          reported = await ctx.report({
            operation,
            message: `NoSQL operator injection in ${describePoint(point)} of ${operation.method.toUpperCase()} ${operation.path}: ${shown} ${proof.bypass ? `was accepted (${proof.attack.status}) where a wrong value is refused (${baseline.status})` : 'matched far more than the value itself'}`,
            summary: `baseline ${JSON.stringify(point.in === 'body' ? base : nomatch)}: ${baseline.status}; non-matching operator: ${proof.control.status}; ${shown}: ${proof.attack.status}`,
            oracle: proof.bypass ? 'nosql-operator-bypass' : 'nosql-operator-widens-result',
            confidence: 'certain',
            snippet: shown,
            responses: [baseline, proof.control, proof.attack],
            tags: ['injection', 'nosql'],
            confirm: async () => (await judge()) !== undefined,
          });
          if (reported) break;
        }
        if (reported) break;
      }
    }
  },
});
