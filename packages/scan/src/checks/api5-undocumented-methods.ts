import type { Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { resolvePathValues } from '../explore/explore-api.js';
import { findObjectById } from '../find-object-by-id.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

const PROBED = ['DELETE', 'PUT', 'PATCH'] as const;

/** A path value that exists nowhere: a large integer for integer ids, an obvious string otherwise. */
function nonexistent(operation: Operation, name: string): string | number {
  const schema = operation.parameters.find((p) => p.name === name && p.in === 'path')?.schema ?? {};
  if (schema['type'] === 'integer' || schema['type'] === 'number') return 987_654_321;
  if (schema['format'] === 'uuid') return 'ffffffff-ffff-4fff-bfff-ffffffffffff';
  return 'rampart-nonexistent-0';
}

export const api5UndocumentedMethods = defineCheck({
  id: 'api5-undocumented-methods',
  title: 'Undocumented method available on a documented path',
  severity: 'medium',
  owasp: 'API5',
  cwe: 749,
  maxRequests: 80,
  description:
    'On item paths (ending in a parameter) that document GET but not DELETE, PUT or PATCH, each missing method ' +
    'is sent as a normal user for an id that does not exist. An answer like the GET\'s "not found" (instead ' +
    'of 405, which another undocumented method still gets) shows the method is routed and handled. With ' +
    "destructive tests allowed, an undocumented DELETE is then proven on one of the user's own objects: the " +
    'object is gone on re-reading.',
  remediation:
    'Route only the documented methods (answer 405 with an Allow header otherwise), remove leftover handlers, ' +
    'and keep the description and the router generated from one source.',
  async run(ctx) {
    if (ctx.options.readOnly) return;
    const session = ctx.users[0];
    if (session === undefined) return;
    for (const get of ctx.model.operations) {
      if (get.method !== 'get' || get.isWebhook || looksAdminOnly(get) || !/\}$/.test(get.path)) continue;
      const params = get.parameters.filter((p) => p.in === 'path');
      if (params.length !== 1) continue;
      const param = params[0]!;
      const documented = new Set(
        ctx.model.operations.filter((op) => op.path === get.path).map((op) => op.method.toUpperCase()),
      );
      const missing = PROBED.filter((m) => !documented.has(m));
      if (missing.length < 2) continue; // a control method is needed
      const ghost = ctx.buildRequest(get, { path: { [param.name]: nonexistent(get, param.name) } });
      if (ghost === undefined) continue;
      const notFound = await session.send(ghost);
      if (isSuccess(notFound) || notFound.status === 405 || notFound.status === 429) continue;
      const answers = new Map<string, ScanResponse>();
      for (const method of missing)
        answers.set(
          method,
          await session.send({
            ...ghost,
            method,
            headers: { ...ghost.headers, 'content-type': 'application/json' },
            body: '{}',
          }),
        );
      const refused = [...answers.entries()].filter(([, r]) => r.status === 405 || r.status === 501);
      const routed = [...answers.entries()].filter(([, r]) => r.status === notFound.status);
      if (refused.length === 0 || routed.length === 0) continue;
      for (const [method, response] of routed) {
        if (await prove(ctx, session, get, param.name, method, notFound, response, refused[0]!)) break;
      }
    }
  },
});

async function prove(
  ctx: CheckContext,
  session: IdentitySession,
  get: Operation,
  param: string,
  method: string,
  notFound: ScanResponse,
  response: ScanResponse,
  control: [string, ScanResponse],
): Promise<boolean> {
  const request: ScanRequest = response.request;
  if (method === 'DELETE' && ctx.options.destructive) {
    // Proof on a real object of the user's own: it must be gone afterwards.
    const value = resolvePathValues(get, ctx.values, session.name, 1)[0]?.[param];
    const read = value === undefined ? undefined : ctx.buildRequest(get, { path: { [param]: value } });
    if (value !== undefined && read !== undefined) {
      const before = await session.send(read);
      if (isSuccess(before) && findObjectById(safeJson(before.body), value) !== undefined) {
        const deleted = await session.send({ ...read, method: 'DELETE' });
        const after = await session.send(read);
        if (isSuccess(deleted) && !isSuccess(after)) {
          return ctx.report({
            method,
            path: get.path,
            message: `${session.name} deleted its own ${get.path} object ${value} with the undocumented DELETE (${deleted.status}); GET then answered ${after.status}`,
            summary: `the description documents ${get.path} as read-only (GET), but DELETE answered ${deleted.status} and removed the object`,
            oracle: 'undocumented-method-deleted-object',
            confidence: 'certain',
            severity: 'high',
            responses: [before, deleted, after],
            tags: ['bfla', 'undocumented-method'],
            related: [{ operation: get }],
          });
        }
      }
    }
  }
  return ctx.report({
    method,
    path: get.path,
    message: `${method} ${get.path} is routed although the description documents only ${[...new Set(ctx.model.operations.filter((op) => op.path === get.path).map((op) => op.method.toUpperCase()))].join(', ')}: for an id that does not exist it answered ${response.status} like GET, while ${control[0]} got ${control[1].status}`,
    summary: `${method} on a nonexistent id: ${response.status} (GET: ${notFound.status}, ${control[0]}: ${control[1].status}); the method reaches a handler a normal user can call`,
    oracle: 'undocumented-method-routed',
    confidence: 'firm',
    responses: [notFound, control[1], response],
    tags: ['bfla', 'undocumented-method'],
    related: [{ operation: get }],
    confirm: async () => (await ctx.users[0]!.send(request)).status === response.status,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
