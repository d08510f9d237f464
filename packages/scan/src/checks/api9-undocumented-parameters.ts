import { isSecretName } from '@rampart/core';
import type { Operation } from '@rampart/openapi';
import { defineCheck } from '../define-check.js';
import { describeJsonShape, type JsonShape } from '../describe-json-shape.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

/** Query parameters developers leave in and forget to document, with the value that switches them on. */
export const HIDDEN_PARAMETERS: ReadonlyArray<readonly [name: string, value: string]> = [
  ['debug', 'true'],
  ['admin', 'true'],
  ['internal', 'true'],
  ['verbose', 'true'],
  ['include', 'all'],
  ['expand', 'all'],
  ['fields', '*'],
  ['role', 'admin'],
  ['test', 'true'],
  ['show_hidden', 'true'],
  ['include_deleted', 'true'],
  ['all', 'true'],
];

const MAX_OPERATIONS = 12;
const SESSION_ENDING = /log-?out|sign-?out|revoke|logoff/i;

/** What a probe changed compared with both baselines (undefined: nothing beyond their variation). */
interface Change {
  /** Key paths in the probe's answer that neither baseline had (echoes of the probed values left out). */
  readonly fields: readonly string[];
  /** Array elements beyond the larger baseline. */
  readonly extraItems: number;
  /** A refused baseline (401/403) that the probe turned into a 2xx. */
  readonly unlocked: boolean;
}

function compare(
  before: ScanResponse,
  after: ScanResponse,
  probe: ScanResponse,
  probed: ReadonlySet<string>,
): Change | undefined {
  if (!isSuccess(probe)) return undefined;
  if (!isSuccess(before) || !isSuccess(after)) {
    const refused = (r: ScanResponse) => r.status === 401 || r.status === 403;
    return refused(before) && refused(after) ? { fields: [], extraItems: 0, unlocked: true } : undefined;
  }
  const shapes = [before, after, probe].map((r) => describeJsonShape(r.body));
  const [a, b, p] = shapes as [JsonShape | undefined, JsonShape | undefined, JsonShape | undefined];
  if (a === undefined || b === undefined || p === undefined) return undefined;
  const fields = [...p.paths].filter((path) => {
    if (a.paths.has(path) || b.paths.has(path)) return false;
    // An API that echoes its query (`"query": {"debug": "true"}`) shows nothing new.
    const leaf = p.values.get(path);
    return leaf === undefined || !leaf.every((v) => probed.has(v));
  });
  // Arrays both baselines have: growth beyond the larger one, and beyond how much the two differ (a list
  // that grows by itself is natural variation), counts. New arrays are new fields, not more items.
  let extraItems = 0;
  for (const [path, count] of p.arrays) {
    const first = a.arrays.get(path);
    const second = b.arrays.get(path);
    if (first === undefined || second === undefined) continue;
    const growth = count - Math.max(first, second);
    if (growth > Math.abs(first - second)) extraItems += growth;
  }
  const grew = extraItems > 0;
  if (fields.length === 0 && !grew) return undefined;
  return { fields, extraItems: grew ? extraItems : 0, unlocked: false };
}

function withQuery(request: ScanRequest, parameters: ReadonlyArray<readonly [string, string]>): ScanRequest {
  const url = new URL(request.url);
  for (const [name, value] of parameters) url.searchParams.set(name, value);
  return { ...request, url: url.href };
}

/** The GETs to probe, each with the request exploration sent and the identity that sent it. */
function candidates(
  baselines: ReadonlyArray<{ identity: string; operation: Operation; response: ScanResponse }>,
  session: IdentitySession,
): Array<{ operation: Operation; request: ScanRequest }> {
  const out = new Map<Operation, ScanRequest>();
  let refused = 0;
  for (const { identity, operation, response } of baselines) {
    if (identity !== session.name || operation.method !== 'get' || out.has(operation)) continue;
    if (SESSION_ENDING.test(operation.path)) continue;
    // Refused answers are probed too (a few): `admin=true` that opens an operation is the worst case.
    const refusal = response.status === 401 || response.status === 403;
    if (refusal && refused >= 3) continue;
    if (!refusal && (!isSuccess(response) || describeJsonShape(response.body) === undefined)) continue;
    if (refusal) refused++;
    out.set(operation, response.request);
  }
  // Ordinary operations first: the admin-looking ones are also probed, after them, if the budget allows.
  return [...out.entries()]
    .sort(([a], [b]) => Number(looksAdminOnly(a)) - Number(looksAdminOnly(b)))
    .slice(0, MAX_OPERATIONS)
    .map(([operation, request]) => ({ operation, request }));
}

export const api9UndocumentedParameters = defineCheck({
  id: 'api9-undocumented-parameters',
  title: 'Undocumented query parameter changes what an operation returns',
  severity: 'medium',
  owasp: 'API9',
  cwe: 1059,
  maxRequests: 100,
  description:
    `Documented GETs that answered during exploration are sent again with commonly hidden query parameters (${HIDDEN_PARAMETERS.map(([n, v]) => `${n}=${v}`).join(', ')}), ` +
    'except those the operation documents. Each is compared with two fresh baselines, one taken before and ' +
    'one after: a finding needs key paths that neither baseline has (echoes of the probed values aside), more ' +
    'array items than the larger baseline by more than the baselines differ, or a 401/403 turned into a 2xx. ' +
    'All parameters are sent together first; only operations that react are probed one parameter at a time.',
  remediation:
    'Remove debug and internal switches from production builds (or gate them on configuration, never on a ' +
    'request parameter), reject or ignore undocumented parameters, and document every parameter an operation ' +
    'honours.',
  async run(ctx) {
    const session = ctx.users[0] ?? ctx.admins[0] ?? ctx.anonymous;
    for (const { operation, request } of candidates(ctx.baselines, session)) {
      const documented = new Set(operation.parameters.map((p) => p.name.toLowerCase()));
      const parameters = HIDDEN_PARAMETERS.filter(([name]) => !documented.has(name));
      if (parameters.length === 0) continue;
      const probed = new Set(parameters.map(([, value]) => value));
      const before = await session.send(request);
      if (before.status === 429) continue;
      const together = await session.send(withQuery(request, parameters));
      const after = await session.send(request);
      if (after.status === 429 || compare(before, after, together, probed) === undefined) continue;
      // Something reacted: find which parameters, one at a time.
      const effective: Array<{
        parameter: readonly [string, string];
        change: Change;
        response: ScanResponse;
      }> = [];
      for (const parameter of parameters) {
        const response = await session.send(withQuery(request, [parameter]));
        const change = compare(before, after, response, probed);
        if (change !== undefined) effective.push({ parameter, change, response });
      }
      const first = effective[0];
      if (first === undefined) continue;
      const names = effective.map(({ parameter: [n, v] }) => `${n}=${v}`);
      const fields = [...new Set(effective.flatMap((e) => e.change.fields))];
      const shown = fields.filter((f) => !fields.some((g) => g !== f && f.startsWith(`${g}.`))).slice(0, 8);
      const unlocked = effective.some((e) => e.change.unlocked);
      const secret = fields.some((f) =>
        isSecretName(
          f
            .split(/[.[\]]+/)
            .filter(Boolean)
            .at(-1) ?? '',
        ),
      );
      const what = unlocked
        ? `turns a ${before.status} into ${first.response.status}`
        : [
            shown.length > 0 ? `adds fields the normal answer lacks: ${shown.join(', ')}` : '',
            first.change.extraItems > 0 ? `returns ${first.change.extraItems} more array items` : '',
          ]
            .filter(Boolean)
            .join(', and ');
      const where = `GET ${operation.path}`;
      await ctx.report({
        operation,
        message: `${where} honours undocumented query parameter${names.length > 1 ? 's' : ''} ${names.join(', ')}: it ${what}`,
        summary: `as ${session.name}, ${names[0]} ${what}; two baselines without it (before and after) did not`,
        oracle: unlocked ? 'undocumented-parameter-unlocks' : 'undocumented-parameter-changes-answer',
        confidence: 'firm',
        severity: unlocked || secret ? 'high' : 'medium',
        ...(shown.length > 0 ? { snippet: shown.join(', ') } : {}),
        responses: [before, first.response],
        tags: ['inventory', 'undocumented-parameter'],
        confirm: async () =>
          compare(before, after, await session.send(withQuery(request, [first.parameter])), probed) !==
          undefined,
      });
    }
  },
});
