import type { JsonSchema, Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import { nameResource, normalizeFieldName } from '../explore/name-resource.js';
import { findObjectById } from '../find-object-by-id.js';
import { findOwnerData } from '../find-owner-data.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import { measureSimilarity } from '../measure-similarity.js';
import type { ScanResponse } from '../transport/scan-transport.js';

const ok = (r: ScanResponse | undefined): r is ScanResponse =>
  r !== undefined && r.status >= 200 && r.status < 300;
const ID_LIKE = /(^id$|id$|uuid$|key$|number$|no$)/;
const VALUES_PER_PARAM = 2;

/** The pool key a parameter consumes (`{id}` under `/webhooks` → `webhookid`). */
function consumedKey(operation: Operation, name: string): string {
  const key = normalizeFieldName(name);
  return key === 'id' ? `${nameResource(operation.path) ?? ''}id` : key;
}

/** Values of `key` that `owner` has and `attacker` does not (anonymous has none). */
function ownedValues(
  ctx: CheckContext,
  key: string,
  owner: IdentitySession,
  attackers: readonly IdentitySession[],
) {
  const theirs = new Set(attackers.flatMap((a) => ctx.values.valuesFor(key, a.name)).map(String));
  return ctx.values
    .valuesFor(key, owner.name)
    .filter((v) => !theirs.has(String(v)))
    .slice(0, VALUES_PER_PARAM);
}

/** A field of the write schema that can be changed harmlessly and observed, with its new value. */
function chooseHarmlessChange(
  schema: JsonSchema | undefined,
  current: Record<string, unknown>,
  marker: string,
): { field: string; value: unknown } | undefined {
  const properties = (schema?.['properties'] ?? {}) as Record<string, JsonSchema>;
  const entries = Object.entries(properties).filter(([name, s]) => s['readOnly'] !== true && name in current);
  for (const [field] of entries)
    if (typeof current[field] === 'boolean') return { field, value: !current[field] };
  for (const [field, s] of entries) {
    const max = typeof s['maxLength'] === 'number' ? s['maxLength'] : 64;
    if (
      s['type'] === 'string' &&
      s['enum'] === undefined &&
      s['format'] === undefined &&
      max >= marker.length
    ) {
      return { field, value: marker };
    }
  }
  for (const [field, s] of entries) {
    const value = current[field];
    if (typeof value !== 'number') continue;
    const max = typeof s['maximum'] === 'number' ? s['maximum'] : Number.POSITIVE_INFINITY;
    const min = typeof s['minimum'] === 'number' ? s['minimum'] : Number.NEGATIVE_INFINITY;
    const next = value + 1 <= max ? value + 1 : value - 1;
    if (next >= min && next <= max) return { field, value: next };
  }
  for (const [field, s] of entries) {
    const options = Array.isArray(s['enum']) ? s['enum'] : [];
    const other = options.find((o) => o !== current[field]);
    if (other !== undefined) return { field, value: other };
  }
  return undefined;
}

export const api1Bola = defineCheck({
  id: 'api1-bola',
  title: 'Broken object level authorization',
  severity: 'high',
  owasp: 'API1',
  cwe: 639,
  maxRequests: 600,
  description:
    "Differential BOLA: each user's own objects (harvested from its listings, JWT claims and Location headers, " +
    'or created with a marker) are read, changed (a harmless change, re-read as the owner) and, when destructive ' +
    "tests are allowed, deleted by the other users and by anonymous. Proof is the owner's data or marker in the " +
    "attacker's response, or the change seen by the owner; objects every identity sees alike are public.",
  remediation:
    'Authorize every object access against the caller: look objects up by (id, owner or tenant of the caller), ' +
    'not by id alone, and answer 404 for objects the caller may not see. Never take the subject from a client ' +
    'parameter (userId) when it must be the authenticated caller.',
  async run(ctx) {
    if (ctx.users.length === 0) return;
    const operations = ctx.model.operations.filter((op) => !op.isWebhook && !looksAdminOnly(op));
    for (const owner of ctx.users) {
      const attackers = [...ctx.users.filter((u) => u !== owner && u.role === owner.role), ctx.anonymous];
      for (const operation of operations) {
        const method = operation.method.toUpperCase();
        const pathParams = operation.parameters.filter((p) => p.in === 'path');
        const queryParams = operation.parameters.filter(
          (p) =>
            p.in === 'query' &&
            ID_LIKE.test(normalizeFieldName(p.name)) &&
            ctx.values.valuesFor(consumedKey(operation, p.name), owner.name).length > 0,
        );
        if (pathParams.length === 0 && queryParams.length === 0) continue;
        if (pathParams.length > 1) continue;
        const param = pathParams[0] ?? queryParams[0]!;
        const key = consumedKey(operation, param.name);
        for (const value of ownedValues(
          ctx,
          key,
          owner,
          attackers.filter((a) => !a.anonymous),
        )) {
          const input =
            param.in === 'path' ? { path: { [param.name]: value } } : { query: { [param.name]: value } };
          if (method === 'GET' || method === 'HEAD')
            await probeRead(ctx, operation, input, value, owner, attackers);
          else if ((method === 'PATCH' || method === 'PUT') && !ctx.options.readOnly && param.in === 'path') {
            await probeWrite(ctx, operation, param.name, value, owner, attackers);
          } else if (
            method === 'DELETE' &&
            ctx.options.destructive &&
            !ctx.options.readOnly &&
            param.in === 'path'
          ) {
            await probeDelete(ctx, operation, param.name, owner, attackers);
          }
        }
      }
    }
  },
});

async function probeRead(
  ctx: CheckContext,
  operation: Operation,
  input: { path?: Record<string, string | number>; query?: Record<string, string | number> },
  value: string | number,
  owner: IdentitySession,
  attackers: readonly IdentitySession[],
): Promise<void> {
  const request = ctx.buildRequest(operation, input);
  if (request === undefined) return;
  const ownerResponse = await owner.send(request);
  if (!ok(ownerResponse)) return;
  const anonymousResponse = await ctx.anonymous.send(request);
  const isPublic =
    ok(anonymousResponse) &&
    (operation.security.length === 0 || operation.security.some((r) => Object.keys(r).length === 0)) &&
    measureSimilarity(anonymousResponse.body, ownerResponse.body) >= 0.9;
  if (isPublic) return;
  const markers = ctx.ledger.ownedBy(owner.name).flatMap((o) => (o.marker ? [o.marker] : []));
  for (const attacker of attackers) {
    const judge = (response: ScanResponse | undefined) => {
      if (!ok(response)) return undefined;
      const marker = markers.find((m) => response.body.includes(m));
      const data = findOwnerData(response.body, ctx.values, owner.name, attacker.name, [value]);
      const similar = measureSimilarity(response.body, ownerResponse.body) >= 0.8;
      if (marker !== undefined) return { oracle: 'marker-in-response', snippet: marker };
      if (data.length > 0 && similar) return { oracle: 'owner-data-in-response', snippet: data.join(', ') };
      return undefined;
    };
    const response = attacker.anonymous ? anonymousResponse : await attacker.send(request);
    const verdict = judge(response);
    if (verdict === undefined) continue;
    const where = input.path
      ? `path parameter ${Object.keys(input.path)[0]}`
      : `query parameter ${Object.keys(input.query ?? {})[0]}`;
    await ctx.report({
      operation,
      message: `${attacker.name} read ${owner.name}'s object through ${operation.method.toUpperCase()} ${operation.path} (${where} = ${value}); the response carries ${owner.name}'s data`,
      summary: `${attacker.name} got ${response!.status} with ${owner.name}'s data (${verdict.snippet}) for an object only ${owner.name} should see`,
      oracle: verdict.oracle,
      confidence: 'certain',
      snippet: verdict.snippet,
      severity: attacker.anonymous ? 'critical' : 'high',
      responses: [ownerResponse, response!],
      tags: ['bola', attacker.anonymous ? 'anonymous' : 'cross-user'],
      confirm: async () =>
        judge(attacker.anonymous ? await ctx.anonymous.send(request) : await attacker.send(request)) !==
        undefined,
    });
  }
}

/** How to re-read an object as its owner: GET on the same path, else the collection's list. */
function findReread(ctx: CheckContext, operation: Operation): Operation | undefined {
  const same = ctx.model.operations.find((op) => op.method === 'get' && op.path === operation.path);
  if (same) return same;
  const parent = operation.path.replace(/\/\{[^}]+\}$/, '');
  return ctx.model.operations.find((op) => op.method === 'get' && op.path === parent);
}

async function probeWrite(
  ctx: CheckContext,
  operation: Operation,
  paramName: string,
  value: string | number,
  owner: IdentitySession,
  attackers: readonly IdentitySession[],
): Promise<void> {
  const reread = findReread(ctx, operation);
  if (reread === undefined) return;
  const rereadRequest = ctx.buildRequest(
    reread,
    reread.path === operation.path ? { path: { [paramName]: value } } : {},
  );
  if (rereadRequest === undefined) return;
  const read = async () => {
    const response = await owner.send(rereadRequest);
    if (!ok(response)) return undefined;
    try {
      return { response, object: findObjectById(JSON.parse(response.body), value) };
    } catch {
      return undefined;
    }
  };
  const before = await read();
  if (before?.object === undefined) return;
  const change = chooseHarmlessChange(
    findJsonBodySchema(operation),
    before.object,
    ctx.marker(owner.name).slice(0, 40),
  );
  if (change === undefined) return;
  const bodyFor = (fieldValue: unknown) =>
    operation.method === 'put'
      ? { ...before.object, [change.field]: fieldValue }
      : { [change.field]: fieldValue };
  const attackRequest = ctx.buildRequest(operation, {
    path: { [paramName]: value },
    body: bodyFor(change.value),
  });
  const restoreRequest = ctx.buildRequest(operation, {
    path: { [paramName]: value },
    body: bodyFor(before.object[change.field]),
  });
  if (attackRequest === undefined || restoreRequest === undefined) return;
  for (const attacker of attackers) {
    const attempt = async () => {
      const response = await attacker.send(attackRequest);
      if (!ok(response)) return undefined;
      const after = await read();
      const changed =
        after?.object !== undefined &&
        JSON.stringify(after.object[change.field]) === JSON.stringify(change.value);
      if (changed) await owner.send(restoreRequest);
      return changed && after ? { response, after: after.response } : undefined;
    };
    const proof = await attempt();
    if (proof === undefined) continue;
    await ctx.report({
      operation,
      message: `${attacker.name} changed ${owner.name}'s object through ${operation.method.toUpperCase()} ${operation.path} (${paramName} = ${value}): ${change.field} became ${JSON.stringify(change.value)}, as ${owner.name} saw on re-reading it`,
      summary: `${attacker.name}'s ${operation.method.toUpperCase()} answered ${proof.response.status} and ${owner.name}'s re-read showed ${change.field} = ${JSON.stringify(change.value)} (restored afterwards)`,
      oracle: 're-read-as-owner',
      confidence: 'certain',
      snippet: `${change.field}: ${JSON.stringify(before.object[change.field])} → ${JSON.stringify(change.value)}`,
      severity: attacker.anonymous ? 'critical' : 'high',
      responses: [before.response, proof.response, proof.after],
      tags: ['bola', 'write'],
      confirm: async () => (await attempt()) !== undefined,
    });
  }
}

async function probeDelete(
  ctx: CheckContext,
  operation: Operation,
  paramName: string,
  owner: IdentitySession,
  attackers: readonly IdentitySession[],
): Promise<void> {
  const resource = nameResource(operation.path);
  const created = ctx.ledger.ownedBy(owner.name, resource).filter((o) => o.created);
  const reread = findReread(ctx, operation);
  const target = created[0];
  if (target === undefined || reread === undefined) return;
  const rereadRequest = ctx.buildRequest(
    reread,
    reread.path === operation.path ? { path: { [paramName]: target.id } } : {},
  );
  const request = ctx.buildRequest(operation, { path: { [paramName]: target.id } });
  if (rereadRequest === undefined || request === undefined) return;
  const exists = async () => {
    const response = await owner.send(rereadRequest);
    return {
      response,
      present: ok(response) && findObjectById(safeJson(response.body), target.id) !== undefined,
    };
  };
  if (!(await exists()).present) return;
  for (const attacker of attackers) {
    const response = await attacker.send(request);
    if (!ok(response)) continue;
    const after = await exists();
    if (after.present) continue;
    await ctx.report({
      operation,
      message: `${attacker.name} deleted ${owner.name}'s ${resource ?? 'object'} ${target.id} (created by the scan) through DELETE ${operation.path}`,
      summary: `${attacker.name}'s DELETE answered ${response.status} and ${owner.name} no longer finds the object`,
      oracle: 're-read-as-owner',
      confidence: 'certain',
      severity: 'high',
      responses: [response, after.response],
      tags: ['bola', 'delete'],
      confirm: async () => !(await exists()).present,
    });
    return;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
