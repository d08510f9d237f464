import { type ApiModel, createOperationIndex, type JsonSchema, type Operation } from '@rampart/openapi';
import type {
  EndpointSnapshot,
  InventoryDiff,
  InventorySnapshot,
  ShadowEndpoint,
  UndocumentedParameter,
  UndocumentedStatus,
  UnseenOperation,
  ZombieEndpoint,
} from './inventory-snapshot.js';

/**
 * Compares observed traffic with a description:
 * - shadow endpoints: answered calls (not only 404s) to a method and template no operation matches;
 * - zombie endpoints: calls to operations marked `deprecated: true`;
 * - undocumented query parameters and request body properties of documented operations (API keys sent in
 *   the query under a security scheme's name are documented by that scheme);
 * - undocumented status codes (declared neither exactly, nor by range such as `4XX`, nor by `default`);
 * - documented operations no call reached (informational).
 *
 * Works on any snapshot: endpoints kept under the description's own templates are matched by them, inferred
 * templates (`/accounts/{accountId}`) are matched against the description like a concrete path.
 */
export function diffInventory(
  snapshot: Pick<InventorySnapshot, 'endpoints'>,
  model: ApiModel,
): InventoryDiff {
  const index = createOperationIndex(model.operations);
  const byKey = new Map(model.operations.map((o) => [o.key, o]));
  const queryKeyNames = new Set<string>();
  for (const scheme of Object.values(model.securitySchemes)) {
    if (scheme.type === 'apiKey' && scheme.in === 'query' && scheme.paramName !== undefined) {
      queryKeyNames.add(scheme.paramName);
    }
  }
  const shadow: ShadowEndpoint[] = [];
  const zombie: ZombieEndpoint[] = [];
  const undocumentedParameters: UndocumentedParameter[] = [];
  const undocumentedStatuses: UndocumentedStatus[] = [];
  const seen = new Set<string>();
  let notFoundOnly = 0;

  for (const endpoint of snapshot.endpoints) {
    const operation = findOperation(endpoint, byKey, index);
    if (operation === undefined) {
      if (Object.keys(endpoint.statuses).every((s) => s === '404')) {
        notFoundOnly++;
        continue;
      }
      shadow.push({
        method: endpoint.method,
        template: endpoint.template,
        reason:
          index.allowedMethods(endpoint.template).length > 0 ? 'undocumented-method' : 'undocumented-path',
        calls: endpoint.calls,
        statuses: endpoint.statuses,
        firstSeen: endpoint.firstSeen,
        lastSeen: endpoint.lastSeen,
      });
      continue;
    }
    seen.add(operation.key);
    const where = { method: endpoint.method, template: endpoint.template };
    if (operation.deprecated) {
      zombie.push({
        ...where,
        ...(operation.operationId === undefined ? {} : { operationId: operation.operationId }),
        calls: endpoint.calls,
        lastSeen: endpoint.lastSeen,
      });
    }
    const queryNames = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    const bodySchemas = (operation.requestBody?.content ?? []).flatMap((m) => (m.schema ? [m.schema] : []));
    for (const parameter of endpoint.parameters) {
      if (parameter.in === 'query') {
        if (!queryNames.has(parameter.name) && !queryKeyNames.has(parameter.name)) {
          undocumentedParameters.push({
            ...where,
            in: 'query',
            name: parameter.name,
            count: parameter.count,
          });
        }
      } else if (parameter.in === 'body' && bodySchemas.length > 0) {
        if (!bodySchemas.some((schema) => isDocumentedProperty(schema, parameter.name))) {
          // Report the outermost undocumented property only, not each of its own properties.
          const parent = parameter.name.slice(0, parameter.name.lastIndexOf('/'));
          const parentReported = undocumentedParameters.some(
            (u) =>
              u.in === 'body' &&
              u.method === where.method &&
              u.template === where.template &&
              parent.startsWith(u.name),
          );
          if (!parentReported) {
            undocumentedParameters.push({
              ...where,
              in: 'body',
              name: parameter.name,
              count: parameter.count,
            });
          }
        }
      }
    }
    for (const [status, calls] of Object.entries(endpoint.statuses)) {
      if (!isDocumentedStatus(operation, status)) {
        undocumentedStatuses.push({ ...where, status: Number(status), calls });
      }
    }
  }

  const unseenOperations: UnseenOperation[] = model.operations
    .filter((o) => !seen.has(o.key))
    .map((o) => ({
      method: o.method.toUpperCase(),
      template: o.path,
      ...(o.operationId === undefined ? {} : { operationId: o.operationId }),
      deprecated: o.deprecated,
    }));
  return { shadow, zombie, undocumentedParameters, undocumentedStatuses, unseenOperations, notFoundOnly };
}

function findOperation(
  endpoint: EndpointSnapshot,
  byKey: ReadonlyMap<string, Operation>,
  index: ReturnType<typeof createOperationIndex>,
): Operation | undefined {
  const exact =
    byKey.get(`${endpoint.method.toLowerCase()} ${endpoint.template}`) ??
    byKey.get(`${endpoint.method} ${endpoint.template}`);
  if (exact !== undefined) return exact;
  return index.match(endpoint.method, endpoint.template)?.operation;
}

function isDocumentedStatus(operation: Operation, status: string): boolean {
  return operation.responses.some(
    (r) => r.status === status || r.status.toUpperCase() === `${status[0]}XX` || r.status === 'default',
  );
}

/**
 * Whether a body property path (`/payee/iban`, `/items/*` + `/sku`) is declared by a schema. A schema that
 * declares no properties at all (free-form) or allows anything through composition it does not spell out is
 * given the benefit of the doubt.
 */
function isDocumentedProperty(schema: JsonSchema, path: string): boolean {
  const steps = path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let candidates: JsonSchema[] = [schema];
  for (const step of steps) {
    const expanded = candidates.flatMap((c) => expandComposition(c));
    if (step === '*') {
      const items = expanded.map((c) => c.items).filter(isSchema);
      // An array without an items schema takes anything.
      if (items.length === 0) return true;
      candidates = items;
      continue;
    }
    const declaring = expanded.filter((c) => isSchema(c.properties));
    // No declared properties: a free-form object, or a map described by additionalProperties.
    if (declaring.length === 0) return true;
    const next = declaring.map((c) => (c.properties as Record<string, unknown>)[step]).filter(isSchema);
    if (next.length === 0) return false;
    candidates = next;
  }
  return true;
}

/** The schema and the members of its `allOf`, `oneOf` and `anyOf`, recursively (bounded). */
function expandComposition(schema: JsonSchema, depth = 0): JsonSchema[] {
  const out: JsonSchema[] = [schema];
  if (depth > 8) return out;
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    const members = schema[keyword];
    if (Array.isArray(members)) {
      for (const member of members) if (isSchema(member)) out.push(...expandComposition(member, depth + 1));
    }
  }
  return out;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
