import type { Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import type { OperationRequestInput } from '../explore/build-operation-request.js';
import { normalizeFieldName } from '../explore/name-resource.js';
import type { PooledValue } from '../explore/value-pool.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { readIdentifierClaims } from '../jwt/read-identifier-claims.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';
import { assignPathValues } from './assign-path-values.js';
import { describeIdParameter, type IdParameter } from './describe-id-parameter.js';
import { findParentLinks } from './find-parent-links.js';
import { listParameterValues, type ParameterValueSources } from './list-parameter-values.js';
import { readPathValues } from './read-path-values.js';

/** Assignments tried per operation and identity to find ones the identity itself can use. */
export const MAX_ASSIGNMENT_ATTEMPTS = 4;
/** Working assignments kept per operation and identity (each is probed by every attacker). */
export const OBJECTS_PER_OPERATION = 2;

const ID_LIKE = /(^id$|id$|uuid$|guid$)/;
const QUERY_ID_FIELDS = new Set(['id', 'uuid', 'guid']);

/** Values for an operation's id parameters that an identity can use, and (when checked) its 2xx response. */
export interface WorkingPath {
  readonly values: Readonly<Record<string, string | number>>;
  /** The identity's own response with these values (undefined when no GET could check them). */
  readonly response?: ScanResponse;
}

/** One BOLA run: the check context plus value sources, caches and counters shared by the probes. */
export interface BolaRun {
  readonly ctx: CheckContext;
  readonly sources: ParameterValueSources;
  /** Operations already reported: one finding per operation, so no more requests are spent on it. */
  readonly reported: Set<string>;
  /** Objects recognized as public or shared and therefore not attacked, by reason. */
  readonly skipped: Map<string, number>;
  /**
   * The id-parameter groups of an operation: all path parameters in path order (parents first), or, when it has
   * none, each id-like query parameter (`?userId=`) on its own.
   */
  idParameters(operation: Operation): IdParameter[][];
  /** An identity's values for a parameter, best first. */
  valuesOf(parameter: IdParameter, identity: string): Array<string | number>;
  /** The identities among `others` that hold `value` for `parameter` themselves (or co-own it in the ledger). */
  heldBy(parameter: IdParameter, value: string | number, others: readonly IdentitySession[]): string[];
  /** The request for an operation with these id values (path or query). */
  request(
    operation: Operation,
    parameters: readonly IdParameter[],
    values: Readonly<Record<string, string | number>>,
    extra?: OperationRequestInput,
  ): ScanRequest | undefined;
  /**
   * The values of the last parameter that `identity` finds in its own list of the collection right now (`GET
   * /articles`, or `GET /accounts/{its own accountId}/notes`), fetched once per identity and collection. Objects
   * created during the scan appear here even though the identity's exploration ran before they existed.
   */
  listedBy(
    operation: Operation,
    parameters: readonly IdParameter[],
    identity: IdentitySession,
  ): Promise<Set<string>>;
  /**
   * Assignments of `identity`'s values to the parameters that work for it: checked with a GET of the same path
   * (the operation itself when it is a GET), at most {@link MAX_ASSIGNMENT_ATTEMPTS} requests, cached; unchecked
   * candidates when the path has no GET. Objects (the last parameter's values) that any of `others` holds too are
   * left out: they are public or shared (see `recognizePublicObject`) and counted in `skipped`.
   */
  workingPaths(
    operation: Operation,
    parameters: readonly IdParameter[],
    identity: IdentitySession,
    others?: readonly IdentitySession[],
  ): Promise<WorkingPath[]>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Starts a BOLA run: pools every user's identifier claims (user ids, usernames, e-mails, tenant and other ids;
 * see `readIdentifierClaims`), each under its key and resource so `/users/{userId}`, `/users/{username}` and
 * `/users/{email}` can be tested without any create operation, next to the values exploration harvested from
 * lists, created objects and `Location` headers.
 */
export async function createBolaRun(ctx: CheckContext): Promise<BolaRun> {
  const claims: PooledValue[] = [];
  for (const user of ctx.users) {
    for (const claim of readIdentifierClaims((await user.credentials()).jwt?.token ?? '')) {
      const { key, value, resource } = claim;
      claims.push({ key, value, resource, identity: user.name, source: `jwt ${claim.claim}` });
    }
  }
  const sources: ParameterValueSources = { values: [...ctx.values.all(), ...claims], ledger: ctx.ledger };
  const valueCache = new Map<string, Array<string | number>>();
  const pathCache = new Map<string, Promise<WorkingPath[]>>();
  const listCache = new Map<string, Promise<Set<string>>>();
  const parsed = new WeakMap<ScanResponse, unknown>();
  const bodyOf = (response: ScanResponse) => {
    if (!parsed.has(response)) parsed.set(response, parseJson(response.body));
    return parsed.get(response);
  };

  const valuesOf = (parameter: IdParameter, identity: string) => {
    const key = `${identity}\u0000${parameter.keys.join(',')}\u0000${parameter.resources.join(',')}\u0000${parameter.field}\u0000${JSON.stringify(parameter.schema)}`;
    let values = valueCache.get(key);
    if (values === undefined) {
      values = listParameterValues(parameter, identity, sources);
      valueCache.set(key, values);
    }
    return values;
  };

  const request: BolaRun['request'] = (operation, parameters, values, extra = {}) => {
    const path: Record<string, string | number> = { ...extra.path };
    const query: Record<string, string | number> = { ...extra.query };
    for (const parameter of parameters) {
      const value = values[parameter.name];
      if (value === undefined) return undefined;
      if (parameter.in === 'path') path[parameter.name] = value;
      else query[parameter.name] = value;
    }
    return ctx.buildRequest(operation, { ...extra, path, query });
  };

  /** Parent-child pairs from the identity's own exploration responses, for nested paths. */
  const linksFor = (operation: Operation, parameters: readonly IdParameter[], identity: string) => {
    if (parameters.length < 2 || parameters.some((p) => p.in !== 'path')) return [];
    const parent = parameters.at(-2)!;
    const child = parameters.at(-1)!;
    const collection = operation.path.replace(/\/\{[^}]+\}$/, '');
    const own = ctx.baselines.filter((b) => b.identity === identity && isSuccess(b.response));
    const listings = own.flatMap((b) => {
      if (b.operation.path !== collection) return [];
      const value = readPathValues(collection, b.response.request.url)?.[parent.name];
      return value === undefined ? [] : [{ parent: value, body: bodyOf(b.response) }];
    });
    return findParentLinks({
      bodies: own.slice(0, 100).map((b) => bodyOf(b.response)),
      listings,
      parent,
      child,
    });
  };

  const skipped = new Map<string, number>();
  const heldBy: BolaRun['heldBy'] = (parameter, value, others) => {
    const owners = parameter.resources.flatMap((resource) => ctx.ledger.ownersOf(resource, value));
    return others
      .filter(
        (other) =>
          owners.includes(other.name) ||
          valuesOf(parameter, other.name).some((held) => String(held) === String(value)),
      )
      .map((other) => other.name);
  };

  return {
    ctx,
    sources,
    reported: new Set(),
    skipped,
    idParameters(operation) {
      const path = operation.parameters
        .filter((p) => p.in === 'path')
        .sort((a, b) => operation.path.indexOf(`{${a.name}}`) - operation.path.indexOf(`{${b.name}}`));
      if (path.length > 0) return [path.map((p) => describeIdParameter(operation, p))];
      // A query parameter picks whose data a collection returns only when it is an id (`?userId=`); lookups by
      // other fields (`?accountNumber=`) are usually meant to find other people's objects.
      return operation.parameters
        .filter((p) => p.in === 'query' && ID_LIKE.test(normalizeFieldName(p.name)))
        .map((p) => describeIdParameter(operation, p))
        .filter((p) => QUERY_ID_FIELDS.has(p.field))
        .map((p) => [p]);
    },
    valuesOf,
    heldBy,
    request,
    listedBy(operation, parameters, identity) {
      const leaf = parameters.at(-1)!;
      const collection = operation.path.replace(/\/\{[^}]+\}$/, '');
      const list = ctx.model.operations.find((op) => op.method === 'get' && op.path === collection);
      if (list === undefined || leaf.in !== 'path' || collection === operation.path)
        return Promise.resolve(new Set());
      const cacheKey = `${identity.name}\u0000${list.key}`;
      let cached = listCache.get(cacheKey);
      if (cached === undefined) {
        cached = (async () => {
          const parents = parameters.slice(0, -1);
          let values: Record<string, string | number> = {};
          if (parents.length > 0 && !identity.anonymous) {
            const assignment = assignPathValues(
              parents.map((p) => p.name),
              parents.map((p) => valuesOf(p, identity.name)),
              [],
              1,
            )[0];
            if (assignment === undefined) return new Set<string>();
            values = assignment;
          }
          const built = request(list, parents, values);
          const response = built && (await identity.send(built));
          if (!isSuccess(response)) return new Set<string>();
          const names = new Set([...leaf.keys, leaf.field]);
          const found = new Set<string>();
          const stack = [bodyOf(response)];
          let visited = 0;
          while (stack.length > 0 && visited++ < 5000) {
            const node = stack.pop();
            if (Array.isArray(node)) stack.push(...node);
            else if (node !== null && typeof node === 'object') {
              for (const [key, value] of Object.entries(node)) {
                if (
                  (typeof value === 'string' || typeof value === 'number') &&
                  names.has(normalizeFieldName(key))
                )
                  found.add(String(value));
                else if (value !== null && typeof value === 'object') stack.push(value);
              }
            }
          }
          return found;
        })();
        listCache.set(cacheKey, cached);
      }
      return cached;
    },
    workingPaths(operation, parameters, identity, others = []) {
      const probe =
        operation.method === 'get'
          ? operation
          : ctx.model.operations.find((op) => op.method === 'get' && op.path === operation.path);
      const cacheKey = [
        identity.name,
        (probe ?? operation).key,
        ...parameters.map((p) => p.name),
        '|',
        ...others.map((o) => o.name),
      ].join('\u0000');
      let cached = pathCache.get(cacheKey);
      if (cached === undefined) {
        cached = (async () => {
          const names = parameters.map((p) => p.name);
          const candidates = parameters.map((p) => valuesOf(p, identity.name));
          const leaf = parameters.at(-1)!;
          const own = candidates.at(-1)!.filter((value) => heldBy(leaf, value, others).length === 0);
          if (own.length < candidates.at(-1)!.length)
            skipped.set(
              'seen-by-others',
              (skipped.get('seen-by-others') ?? 0) + candidates.at(-1)!.length - own.length,
            );
          candidates[candidates.length - 1] = own;
          const links = linksFor(operation, parameters, identity.name);
          const assignments = assignPathValues(names, candidates, links, MAX_ASSIGNMENT_ATTEMPTS);
          if (probe === undefined)
            return assignments.slice(0, OBJECTS_PER_OPERATION).map((values) => ({ values }));
          const working: WorkingPath[] = [];
          for (const values of assignments) {
            const built = request(probe, parameters, values);
            if (built === undefined) continue;
            const response = await identity.send(built);
            if (isSuccess(response)) working.push({ values, response });
            if (working.length >= OBJECTS_PER_OPERATION) break;
          }
          return working;
        })();
        pathCache.set(cacheKey, cached);
      }
      return cached;
    },
  };
}
