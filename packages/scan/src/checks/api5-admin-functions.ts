import type { Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import { measureSimilarity } from '../measure-similarity.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanResponse } from '../transport/scan-transport.js';

const denied = (r: ScanResponse) => r.status === 401 || r.status === 403;

/** Admin-only candidates: by name and declaration, or because only an admin succeeded while exploring. */
function candidates(ctx: CheckContext): Operation[] {
  const adminNames = new Set(ctx.admins.map((a) => a.name));
  const observed = ctx.model.operations.filter((op) => {
    const runs = ctx.baselines.filter((b) => b.operation === op);
    return (
      runs.some((b) => adminNames.has(b.identity) && isSuccess(b.response)) &&
      runs.some((b) => !adminNames.has(b.identity)) &&
      runs.every((b) => adminNames.has(b.identity) || denied(b.response))
    );
  });
  return ctx.model.operations.filter((op) => !op.isWebhook && (looksAdminOnly(op) || observed.includes(op)));
}

/** A path value that exists nowhere: large integer for integer ids, an obvious string otherwise. */
function nonexistentValue(operation: Operation, name: string): string | number {
  const schema = operation.parameters.find((p) => p.name === name && p.in === 'path')?.schema ?? {};
  if (schema['type'] === 'integer' || schema['type'] === 'number') return 987_654_321;
  if (schema['format'] === 'uuid') return 'ffffffff-ffff-4fff-bfff-ffffffffffff';
  return 'rampart-nonexistent-0';
}

export const api5AdminFunctions = defineCheck({
  id: 'api5-admin-functions',
  title: 'Admin function available to non-admins',
  severity: 'high',
  owasp: 'API5',
  cwe: 285,
  description:
    'Operations that look admin-only (path segments such as /admin or /internal, admin tags, names, scopes) ' +
    'or that only the admin identity could call while exploring are called as each user and as anonymous. ' +
    "Reads succeed like the admin's = finding. State-changing ones are probed without changing anything: on " +
    'an object that does not exist, a user who gets the same "not found" as the admin (instead of 403) passed ' +
    'the authorization check.',
  remediation:
    'Deny by default and authorize every admin operation by role in one place (route-level policy), before ' +
    'looking anything up; do not rely on the client hiding admin screens.',
  async run(ctx) {
    const callers: IdentitySession[] = [...ctx.users, ctx.anonymous];
    const admin = ctx.admins[0];
    for (const operation of candidates(ctx)) {
      const method = operation.method.toUpperCase();
      const pathParams = operation.parameters.filter((p) => p.in === 'path');
      if (method === 'GET' || method === 'HEAD') {
        // Objects in the path must not be the caller's own: a user reading their own record through an
        // admin-looking path is not calling an admin function.
        const pathValuesFor = (caller: IdentitySession): Record<string, string | number> | undefined => {
          const values: Record<string, string | number> = {};
          for (const p of pathParams) {
            const value = ctx.values
              .valuesFor(p.name)
              .find((v) => caller.anonymous || !ctx.values.hasSeen(caller.name, v));
            if (value === undefined) return undefined;
            values[p.name] = value;
          }
          return values;
        };
        // The admin's and anonymous' answers per URL, fetched once.
        const references = new Map<string, { reference?: ScanResponse; anonymous: ScanResponse }>();
        for (const caller of callers) {
          const pathValues = pathValuesFor(caller);
          const request = pathValues && ctx.buildRequest(operation, { path: pathValues });
          if (request === undefined) continue;
          let known = references.get(request.url);
          if (known === undefined) {
            const answer = admin ? await admin.send(request) : undefined;
            known = {
              ...(answer ? { reference: answer } : {}),
              anonymous: await ctx.anonymous.send(request),
            };
            references.set(request.url, known);
          }
          const { reference, anonymous } = known;
          if (reference !== undefined && !isSuccess(reference)) continue;
          const response = caller.anonymous ? anonymous : await caller.send(request);
          const judge = (r: ScanResponse) =>
            isSuccess(r) &&
            (reference
              ? measureSimilarity(r.body, reference.body) >= 0.8
              : !caller.anonymous && !isSuccess(anonymous) && r.body.length > 2);
          if (!judge(response)) continue;
          await ctx.report({
            operation,
            message: `${caller.name} called the admin operation ${method} ${operation.path} and got ${response.status}${reference ? ', the same answer as the admin' : ''}`,
            summary: `${caller.name} (not admin) got ${response.status} from ${method} ${operation.path}`,
            oracle: reference ? 'same-response-as-admin' : 'admin-looking-operation-succeeds',
            confidence: reference ? 'certain' : 'firm',
            severity: caller.anonymous ? 'critical' : 'high',
            responses: reference ? [reference, response] : [response],
            tags: ['bfla'],
            confirm: async () =>
              judge(caller.anonymous ? await ctx.anonymous.send(request) : await caller.send(request)),
          });
          break;
        }
      } else if (!ctx.options.readOnly && admin !== undefined && pathParams.length === 1) {
        const param = pathParams[0]!;
        const request = ctx.buildRequest(operation, {
          path: { [param.name]: nonexistentValue(operation, param.name) },
        });
        if (request === undefined) continue;
        const reference = await admin.send(request);
        if (isSuccess(reference) || denied(reference) || reference.status >= 500) continue;
        for (const caller of callers) {
          const response = caller.anonymous ? await ctx.anonymous.send(request) : await caller.send(request);
          if (response.status !== reference.status) continue;
          await ctx.report({
            operation,
            message: `${caller.name} passed the authorization of the admin operation ${method} ${operation.path}: on an object that does not exist it got ${response.status} like the admin, not 403`,
            summary: `for a nonexistent ${param.name}, ${caller.name} and the admin both got ${response.status}; a refused caller gets 401/403`,
            oracle: 'authorization-after-existence-check',
            confidence: 'firm',
            severity: caller.anonymous ? 'critical' : 'high',
            responses: [reference, response],
            tags: ['bfla'],
            confirm: async () =>
              (caller.anonymous ? await ctx.anonymous.send(request) : await caller.send(request)).status ===
              reference.status,
          });
          break;
        }
      }
    }
  },
});
