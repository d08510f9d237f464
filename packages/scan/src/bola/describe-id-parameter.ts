import type { JsonSchema, Operation, Parameter } from '@rampart/openapi';
import { nameResource, normalizeFieldName, singularize } from '../explore/name-resource.js';

/** A parameter that names an object, and where the scan finds values for it. */
export interface IdParameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  /** The resource the value names: from the name (`orderId` → order), else the path (`/users/{id}` → user). */
  readonly resources: readonly string[];
  /** The field of that resource the value is: `id`, `uuid`, `slug`, `username`, `email`, `number`… */
  readonly field: string;
  /** Normalized pool keys that hold such values, best first (`orderid`; `{id}` after `/users` → `userid`). */
  readonly keys: readonly string[];
  readonly schema: JsonSchema;
}

/** Suffixes that split a name into resource and field (`accountNumber` → account + number). */
const SUFFIXES = [
  'uuid',
  'guid',
  'id',
  'key',
  'slug',
  'handle',
  'username',
  'name',
  'email',
  'number',
  'no',
  'code',
  'title',
];
/** Names that are a field on their own (`uid` is a user id, not the id of a "u"). */
const USER_FIELDS: Readonly<Record<string, string>> = {
  uid: 'id',
  userid: 'id',
  username: 'username',
  login: 'username',
  email: 'email',
};

/**
 * How a path or query parameter names an object: the resource (from its name, else from the literal path segment
 * before it, so `/users/{id}/orders/{orderId}` gives user for `{id}` and order for `{orderId}`), the field and the
 * value-pool keys that hold candidate values.
 */
export function describeIdParameter(operation: Operation, parameter: Parameter): IdParameter {
  const normalized = normalizeFieldName(parameter.name);
  const at = operation.path.indexOf(`{${parameter.name}}`);
  const pathResource = nameResource(at > 0 ? operation.path.slice(0, at) : operation.path);
  const resources: string[] = [];
  let field = normalized;
  const userField = USER_FIELDS[normalized];
  if (
    userField !== undefined &&
    (normalized !== 'email' || pathResource === 'user' || pathResource === undefined)
  ) {
    resources.push('user');
    field = userField;
  } else {
    for (const suffix of SUFFIXES) {
      if (normalized.endsWith(suffix) && normalized.length >= suffix.length + 3) {
        resources.push(singularize(normalized.slice(0, -suffix.length)));
        field = suffix;
        break;
      }
    }
  }
  // The path names the resource only when the name does not (`/accounts/{ownerId}` is an owner's id).
  if (resources.length === 0 && pathResource !== undefined) resources.push(pathResource);
  const keys = [normalized];
  for (const resource of resources) {
    const key = field.startsWith(resource) ? field : `${resource}${field}`;
    if (!keys.includes(key)) keys.push(key);
  }
  // A bare `id` in the pool is anyone's id: only the qualified keys count.
  const qualified = keys.filter((key) => key !== 'id' || resources.length === 0);
  return {
    name: parameter.name,
    in: parameter.in === 'query' ? 'query' : 'path',
    resources,
    field,
    keys: qualified,
    schema: parameter.schema,
  };
}
