import { type ApiModel, createOperationIndex, type Operation } from '@rampart/openapi';
import type { Baseline } from '../check-context.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { readIdentifierClaims } from '../jwt/read-identifier-claims.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import type { OwnershipLedger } from '../ownership-ledger.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';
import { buildCreationBody } from './build-creation-body.js';
import { buildOperationRequest, findJsonBodySchema } from './build-operation-request.js';
import { harvestJson, harvestLocation } from './harvest-values.js';
import { nameResource, normalizeFieldName } from './name-resource.js';
import { resolveLinks, toLinkedRequestInput } from './resolve-links.js';
import { reviseRejectedBody } from './revise-rejected-body.js';
import type { ValuePool } from './value-pool.js';

/** What exploration needs. */
export interface ExploreInput {
  readonly model: ApiModel;
  readonly target: string;
  readonly sessions: readonly IdentitySession[];
  readonly values: ValuePool;
  readonly ledger: OwnershipLedger;
  readonly baselines: Baseline[];
  /** Create resources (POST to collections) with a marker; never when read-only. */
  readonly create: boolean;
  readonly marker: (identity: string) => string;
  /** Path values per operation and identity (default 2). */
  readonly valuesPerParameter?: number;
  readonly onError?: (error: unknown) => void;
}

const SESSION_ENDING = /log-?out|sign-?out|revoke|logoff/i;

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** True for operations exploration must not call: logout-like, or webhooks. */
function endsSession(operation: Operation): boolean {
  return SESSION_ENDING.test(`${operation.path} ${operation.operationId ?? ''}`);
}

/** Every combination (bounded) of path values for an operation from `identity`'s own pooled values. */
export function resolvePathValues(
  operation: Operation,
  values: ValuePool,
  identity: string | undefined,
  limit: number,
): Array<Record<string, string | number>> {
  const params = operation.parameters.filter((p) => p.in === 'path');
  let combos: Array<Record<string, string | number>> = [{}];
  for (const param of params) {
    let key = normalizeFieldName(param.name);
    if (key === 'id') key = `${nameResource(operation.path) ?? ''}id`;
    const candidates = values.valuesFor(key, identity).slice(0, limit);
    if (candidates.length === 0) return [];
    combos = combos.flatMap((combo) => candidates.map((value) => ({ ...combo, [param.name]: value })));
  }
  return combos.slice(0, limit);
}

/**
 * Stateful exploration, per named identity: (1) every GET without path parameters, (2) every GET whose path
 * parameters can be filled from what that identity has seen (producer-consumer inference), (3) when allowed,
 * one object per creatable collection (POST to `/things` where `DELETE /things/{id}` exists, also nested in one
 * of the identity's own parents: `/patients/{patientId}/records`) with the identity's marker, references in
 * the body filled from the value pool ({@link buildCreationBody}) and one retry when the refusal names fields
 * ({@link reviseRejectedBody}), recorded in the ownership ledger with its cleanup request. Values come from
 * JSON bodies, `Location` headers and the identifier claims of the identity's JWT (user id, username,
 * e-mail, tenant and other ids; see `readIdentifierClaims`). Responses are kept as baselines for the checks.
 */
export async function exploreApi(input: ExploreInput): Promise<void> {
  const { model, target, values, ledger, baselines } = input;
  const perParam = input.valuesPerParameter ?? 2;
  const gets = model.operations.filter((op) => op.method === 'get' && !op.isWebhook && !endsSession(op));
  const record = (session: IdentitySession, operation: Operation, response: ScanResponse, owned: boolean) => {
    baselines.push({ identity: session.name, operation, response });
    if (response.status < 200 || response.status >= 300) return;
    if (!session.admin && looksAdminOnly(operation)) return;
    const body = parseJson(response.body);
    const source = operation.key;
    for (const value of harvestJson(body, operation.path, session.name, source)) {
      values.add(value);
      if (owned && value.resource !== undefined && value.key === 'id') {
        ledger.record({
          identity: session.name,
          resource: value.resource,
          id: value.value,
          created: false,
          source,
        });
      }
    }
    const location = response.headers['location'];
    if (location !== undefined)
      for (const value of harvestLocation(location, session.name, source)) values.add(value);
  };
  const index = createOperationIndex(gets);
  const basePath = new URL(target).pathname.replace(/\/+$/, '');
  const followed = new Set<string>();
  /**
   * Producer-consumer by the description: the GETs a response's `links` lead to, fed by their runtime
   * expressions, and the GET that a `Location` header (201, 3xx) names. Each request once per identity.
   */
  const follow = async (
    session: IdentitySession,
    operation: Operation,
    response: ScanResponse,
    path: Readonly<Record<string, string | number>> = {},
  ) => {
    const next: Array<{ operation: Operation; request: ScanRequest | undefined }> = [];
    for (const linked of resolveLinks(model, operation, response, { path })) {
      if (linked.operation.method !== 'get' || endsSession(linked.operation)) continue;
      next.push({
        operation: linked.operation,
        request: buildOperationRequest(linked.operation, target, toLinkedRequestInput(linked)),
      });
      // The linked parameters are values this identity may use: pool them under the consumer's names.
      for (const [name, value] of Object.entries(linked.input.path)) {
        let key = normalizeFieldName(name);
        if (key === 'id') key = `${nameResource(linked.operation.path) ?? ''}id`;
        values.add({ key, value, identity: session.name, source: `link ${linked.link}` });
      }
    }
    const location = response.headers['location'];
    if (
      location !== undefined &&
      (response.status === 201 || (response.status >= 300 && response.status < 400))
    ) {
      try {
        const url = new URL(location, response.request.url);
        let pathname = url.pathname;
        if (basePath !== '' && pathname.startsWith(basePath)) pathname = pathname.slice(basePath.length);
        const match = url.origin === new URL(target).origin ? index.match('GET', pathname) : undefined;
        if (match !== undefined && !endsSession(match.operation)) {
          next.push({
            operation: match.operation,
            request: buildOperationRequest(match.operation, target, { path: match.params }),
          });
        }
      } catch {
        // A Location that is not a URL names nothing to follow.
      }
    }
    for (const { operation: linkedOperation, request } of next) {
      if (request === undefined || followed.has(`${session.name} ${request.url}`)) continue;
      followed.add(`${session.name} ${request.url}`);
      const linkedResponse = await send(session, request);
      if (linkedResponse) record(session, linkedOperation, linkedResponse, false);
    }
  };
  const send = async (session: IdentitySession, request: ScanRequest) => {
    try {
      return await session.send(request);
    } catch (error) {
      input.onError?.(error);
      return undefined;
    }
  };

  for (const session of input.sessions) {
    if (session.anonymous) continue;
    const credentials = await session.credentials();
    // Every identifier claim, usernames and e-mails included: on an API where only the token says them, they
    // open operations such as `/profiles/{username}` to exploration and so to every check.
    for (const claim of readIdentifierClaims(credentials.jwt?.token ?? '')) {
      const source = `jwt ${claim.claim}`;
      const pooled = { value: claim.value, identity: session.name, source };
      values.add({ ...pooled, key: claim.key, resource: claim.resource });
      // Also under the claim's own name, for parameters named like it (`{sub}`, `{uid}`, `{tid}`).
      const name = normalizeFieldName(claim.claim);
      if (name !== claim.key) values.add({ ...pooled, key: name });
      if (claim.kind === 'user-id') {
        ledger.record({
          identity: session.name,
          resource: claim.resource,
          id: claim.value,
          created: false,
          source,
        });
      }
    }
    for (const operation of gets.filter((op) => !op.parameters.some((p) => p.in === 'path'))) {
      const request = buildOperationRequest(operation, target, { marker: input.marker(session.name) });
      const response = request && (await send(session, request));
      if (response) {
        record(session, operation, response, !looksAdminOnly(operation));
        await follow(session, operation, response);
      }
    }
    for (const operation of gets.filter((op) => op.parameters.some((p) => p.in === 'path'))) {
      for (const path of resolvePathValues(operation, values, session.name, perParam)) {
        const request = buildOperationRequest(operation, target, { path });
        if (request === undefined || followed.has(`${session.name} ${request.url}`)) continue;
        const response = await send(session, request);
        if (response) {
          record(session, operation, response, false);
          await follow(session, operation, response, path);
        }
      }
    }
  }

  if (!input.create) return;
  for (const session of input.sessions) {
    if (session.anonymous || session.admin) continue;
    for (const operation of model.operations) {
      if (operation.method !== 'post' || endsSession(operation)) continue;
      const item = model.operations.find(
        (other) =>
          other.method === 'delete' &&
          other.path.startsWith(`${operation.path}/{`) &&
          /^\/\{[^}/]+\}$/.test(other.path.slice(operation.path.length)),
      );
      const schema = findJsonBodySchema(operation);
      if (item === undefined || schema === undefined || looksAdminOnly(operation)) continue;
      // A nested collection (`/patients/{patientId}/records`) is created in one of the identity's own parents.
      const parent = operation.path.includes('{')
        ? resolveOwnPathValues(operation, values, ledger, session.name)
        : {};
      if (parent === undefined) continue;
      const marker = input.marker(session.name);
      let body = buildCreationBody(operation, schema, values, session.name, marker);
      let request = buildOperationRequest(operation, target, { path: parent, body, marker });
      let response = request && (await send(session, request));
      if (!response) continue;
      // One more try when the refusal names the fields it did not like (a reference to a missing object).
      const revised = reviseRejectedBody(operation, schema, body, response, values, session.name, marker);
      if (revised !== undefined) {
        record(session, operation, response, false);
        body = revised.body;
        request = buildOperationRequest(operation, target, { path: parent, body, marker });
        response = request && (await send(session, request));
        if (!response) continue;
      }
      record(session, operation, response, true);
      if (response.status < 200 || response.status >= 300) continue;
      await follow(session, operation, response, parent);
      const resource = nameResource(operation.path) ?? 'object';
      const created = parseJson(response.body) as Record<string, unknown> | undefined;
      const fromLocation = response.headers['location'];
      const id =
        created && (typeof created['id'] === 'number' || typeof created['id'] === 'string')
          ? created['id']
          : fromLocation?.split('/').filter(Boolean).at(-1);
      if (id === undefined) continue;
      const itemParam = /\{([^}]+)\}$/.exec(item.path)![1]!;
      const cleanup = buildOperationRequest(item, target, { path: { ...parent, [itemParam]: id } });
      ledger.record({
        identity: session.name,
        resource,
        id,
        marker,
        created: true,
        source: operation.key,
        ...(cleanup ? { cleanup } : {}),
      });
      values.add({
        key: `${resource}id`,
        value: id,
        identity: session.name,
        resource,
        source: operation.key,
      });
    }
  }
}

/**
 * Path values for `operation` from `identity`'s own objects: for each parameter, an id the ownership ledger
 * says the identity owns in the resource named by the segment before it (`/patients/{patientId}` → patient),
 * else the identity's own pooled value for the name. Undefined when a parameter has neither.
 */
export function resolveOwnPathValues(
  operation: Operation,
  values: ValuePool,
  ledger: OwnershipLedger,
  identity: string,
): Record<string, string | number> | undefined {
  const pooled = resolvePathValues(operation, values, identity, 1)[0];
  const out: Record<string, string | number> = {};
  const segments = operation.path.split('/');
  for (const [index, segment] of segments.entries()) {
    const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
    if (name === undefined) continue;
    const before = segments[index - 1];
    const resource = before === undefined || before.includes('{') ? undefined : nameResource(`/${before}`);
    const owned = resource === undefined ? undefined : ledger.ownedBy(identity, resource)[0]?.id;
    const value = owned ?? pooled?.[name];
    if (value === undefined) return undefined;
    out[name] = value;
  }
  return out;
}
