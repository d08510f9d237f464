import type { ApiModel, Operation } from '@rampart/openapi';
import type { Baseline } from '../check-context.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import type { OwnershipLedger } from '../ownership-ledger.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';
import { buildOperationRequest, findJsonBodySchema } from './build-operation-request.js';
import { harvestJson, harvestJwtClaims, harvestLocation } from './harvest-values.js';
import { nameResource, normalizeFieldName } from './name-resource.js';
import { sampleSchema } from './sample-schema.js';
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
 * one object per creatable collection (POST to `/things` where `/things/{id}` exists) with the identity's marker,
 * recorded in the ownership ledger with its cleanup request. Values come from JSON bodies, `Location` headers
 * and JWT claims. Responses are kept as baselines for the checks.
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
    if (credentials.jwt !== undefined) {
      for (const value of harvestJwtClaims(credentials.jwt.token, session.name)) {
        values.add(value);
        if (value.key === 'userid') {
          ledger.record({
            identity: session.name,
            resource: 'user',
            id: value.value,
            created: false,
            source: 'jwt',
          });
        }
      }
    }
    for (const operation of gets.filter((op) => !op.parameters.some((p) => p.in === 'path'))) {
      const request = buildOperationRequest(operation, target, { marker: input.marker(session.name) });
      const response = request && (await send(session, request));
      if (response) record(session, operation, response, !looksAdminOnly(operation));
    }
    for (const operation of gets.filter((op) => op.parameters.some((p) => p.in === 'path'))) {
      for (const path of resolvePathValues(operation, values, session.name, perParam)) {
        const request = buildOperationRequest(operation, target, { path });
        const response = request && (await send(session, request));
        if (response) record(session, operation, response, false);
      }
    }
  }

  if (!input.create) return;
  for (const session of input.sessions) {
    if (session.anonymous || session.admin) continue;
    for (const operation of model.operations) {
      if (operation.method !== 'post' || operation.path.includes('{') || endsSession(operation)) continue;
      const item = model.operations.find(
        (other) =>
          other.method === 'delete' &&
          other.path.startsWith(`${operation.path}/{`) &&
          other.path.indexOf('}') === other.path.length - 1,
      );
      const schema = findJsonBodySchema(operation);
      if (item === undefined || schema === undefined || looksAdminOnly(operation)) continue;
      const marker = input.marker(session.name);
      const body = sampleSchema(schema, { marker, allProperties: true });
      const request = buildOperationRequest(operation, target, { body, marker });
      const response = request && (await send(session, request));
      if (!response) continue;
      record(session, operation, response, true);
      if (response.status < 200 || response.status >= 300) continue;
      const resource = nameResource(operation.path) ?? 'object';
      const created = parseJson(response.body) as Record<string, unknown> | undefined;
      const fromLocation = response.headers['location'];
      const id =
        created && (typeof created['id'] === 'number' || typeof created['id'] === 'string')
          ? created['id']
          : fromLocation?.split('/').filter(Boolean).at(-1);
      if (id === undefined) continue;
      const param = item.parameters.find((p) => p.in === 'path');
      const cleanup = param && buildOperationRequest(item, target, { path: { [param.name]: id } });
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
