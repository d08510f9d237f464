import type { JsonSchema } from '@rampart/openapi';
import { DATA_CLASSES, type DataClass } from '../classify/data-class.js';
import type { EndpointStats } from './endpoint-stats.js';
import type {
  EndpointSnapshot,
  ParameterSnapshot,
  ParameterType,
  ResponseSnapshot,
} from './inventory-snapshot.js';
import type { ValueShape } from './value-shape.js';
import { valueShapeToSchema } from './value-shape-to-schema.js';

/**
 * The plain-data view of an endpoint's statistics under its current template. `pathNames` maps the segment
 * index of each parameter of an inferred template to its name; `maxBodyParameters` bounds the flattened list
 * of body properties.
 */
export function buildEndpointSnapshot(
  stats: EndpointStats,
  template: string,
  pathNames: ReadonlyMap<number, string>,
  maxBodyParameters: number,
): EndpointSnapshot {
  const parameters: ParameterSnapshot[] = [];
  for (const name of templateParameters(template)) {
    const shape = findPathShape(stats, name, pathNames);
    parameters.push(describeParameter('path', name, shape, stats.calls, true));
  }
  for (const [name, shape] of sortedEntries(stats.queryParams)) {
    parameters.push(describeParameter('query', name, shape, shape.count, shape.count >= stats.calls));
  }
  const jsonBody = [...stats.requestBodies].find(([type]) => type.includes('json') || type.includes('form'));
  if (jsonBody !== undefined)
    flattenProperties(jsonBody[1], '', parameters, parameters.length + maxBodyParameters);

  const responses: ResponseSnapshot[] = [...stats.statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, r]) => ({
      status,
      calls: r.calls,
      contentTypes: sortedKeys(r.contentTypes),
      ...(r.body !== undefined && r.body.count > 0 ? { schema: valueShapeToSchema(r.body) } : {}),
    }));
  const responseTypes = new Map<string, number>();
  for (const r of stats.statuses.values()) {
    for (const [type, n] of r.contentTypes) responseTypes.set(type, (responseTypes.get(type) ?? 0) + n);
  }
  return {
    method: stats.method,
    template,
    endpoint: `${stats.method} ${template}`,
    source: stats.source,
    documentation: stats.documentation,
    ...(stats.operation?.operationId === undefined ? {} : { operationId: stats.operation.operationId }),
    deprecated: stats.operation?.deprecated ?? false,
    calls: stats.calls,
    firstSeen: stats.firstSeen,
    lastSeen: stats.lastSeen,
    statuses: Object.fromEntries(responses.map((r) => [String(r.status), r.calls])),
    requestContentTypes: sortedKeys(stats.requestContentTypes),
    responseContentTypes: sortedKeys(responseTypes),
    auth: Object.fromEntries(stats.auth),
    authOutcomes: Object.fromEntries(stats.authOutcomes),
    apiKeys: [...stats.apiKeys.values()],
    clients: Math.round(stats.clients.estimate()),
    principals: Math.round(stats.principals.estimate()),
    dataClasses: {
      request: orderedClasses(stats.requestDataClasses),
      response: orderedClasses(stats.responseDataClasses),
    },
    parameters,
    requestBodies: [...stats.requestBodies].map(([mediaType, shape]) => ({
      mediaType,
      calls: shape.count,
      schema: valueShapeToSchema(shape),
    })),
    responses,
  };
}

/** The `{names}` of a template, in order. */
export function templateParameters(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

function findPathShape(
  stats: EndpointStats,
  name: string,
  pathNames: ReadonlyMap<number, string>,
): ValueShape | undefined {
  const byName = stats.pathParams.get(name);
  if (byName !== undefined) return byName;
  for (const [index, n] of pathNames) if (n === name) return stats.pathParams.get(`#${index}`);
  return undefined;
}

function describeParameter(
  location: ParameterSnapshot['in'],
  name: string,
  shape: ValueShape | undefined,
  count: number,
  required: boolean,
): ParameterSnapshot {
  if (shape === undefined) {
    return { in: location, name, count, required, type: 'string', schema: { type: 'string' } };
  }
  const schema = valueShapeToSchema(shape);
  const type = describeType(shape, schema);
  const classes =
    shape.dataClasses === undefined ? [] : DATA_CLASSES.filter((c) => shape.dataClasses!.has(c));
  return {
    in: location,
    name,
    count,
    required,
    type,
    ...(shape.strings > 0 ? { minLength: shape.minLength, maxLength: shape.maxLength } : {}),
    ...(shape.integers + shape.numbers > 0 ? { minimum: shape.minimum, maximum: shape.maximum } : {}),
    ...(Array.isArray(schema.enum) ? { enum: schema.enum as string[] } : {}),
    ...(classes.length > 0 ? { dataClasses: classes } : {}),
    schema,
  };
}

function describeType(shape: ValueShape, schema: JsonSchema): ParameterType {
  if (Array.isArray(schema.enum)) return 'enum';
  const type = schema.type;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t) => t !== 'null');
    if (nonNull.length !== 1) return 'mixed';
    return describeType(shape, { ...schema, type: nonNull[0] });
  }
  if (type === 'string') {
    const format = schema.format;
    return format === 'uuid' || format === 'date-time' || format === 'date' || format === 'email'
      ? format
      : 'string';
  }
  if (
    type === 'integer' ||
    type === 'number' ||
    type === 'boolean' ||
    type === 'object' ||
    type === 'array'
  ) {
    return type;
  }
  return shape.nulls > 0 ? 'null' : 'mixed';
}

function flattenProperties(shape: ValueShape, prefix: string, out: ParameterSnapshot[], max: number): void {
  const target = shape.items !== undefined && shape.properties === undefined ? shape.items : shape;
  const base = target === shape ? prefix : `${prefix}/*`;
  if (target.properties === undefined) return;
  for (const [name, child] of sortedEntries(target.properties)) {
    if (out.length >= max) return;
    const path = `${base}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    out.push(describeParameter('body', path, child, child.count, child.count >= target.objects));
    if (child.properties !== undefined || child.items?.properties !== undefined)
      flattenProperties(child, path, out, max);
  }
}

function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sortedKeys(map: ReadonlyMap<string, number>): string[] {
  return [...map.keys()].sort();
}

function orderedClasses(map: ReadonlyMap<DataClass, number>): Partial<Record<DataClass, number>> {
  const out: Partial<Record<DataClass, number>> = {};
  for (const c of DATA_CLASSES) {
    const n = map.get(c);
    if (n !== undefined) out[c] = n;
  }
  return out;
}
