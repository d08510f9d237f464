import { readFileSync } from 'node:fs';
import type { ApiModel, Operation } from '@rampart/openapi';
import { createConfigReader, type ConfigReader } from '../../create-config-reader.js';
import { definePolicy, type Denial } from '../../define-policy.js';
import type { RequestContext } from '../../request-context.js';
import { watchFiles } from '../../watch-files.js';
import { buildSchemaNode, type SchemaNode } from './build-schema-node.js';
import { createOwnerLookup, type OwnerLookup } from './create-owner-lookup.js';
import { createRelationGraph, type RelationGraph, type RelationRules } from './create-relation-graph.js';
import { filterJsonBySchema, type FilterViewer } from './filter-json-by-schema.js';
import { findMassAssignment } from './find-mass-assignment.js';

/** Where an object rule finds the object's id. */
export interface ObjectReference {
  /** `path` and `query`: a parameter name; `body`: a JSON pointer (`/accountId`) or a top-level property name. */
  readonly from: 'path' | 'query' | 'body';
  readonly name: string;
  /** The object type in relation tuples (`account` in `account:123`). Default: the parameter name. */
  readonly type?: string;
}

/** Who may act on the object. */
export type OwnerRule =
  /** The id must equal the caller's `sub` (subject) or `tenant`. */
  | { readonly claim: 'sub' | 'tenant' }
  /** `<type>:<id> <relation> <subjectType>:<sub>` must hold in the relation tuples (with rewrites). */
  | { readonly relation: string }
  /** Ask a service who owns the object; its answer at `pointer` must equal the caller's `claim` (default `sub`). */
  | {
      readonly lookup: {
        readonly url: string;
        readonly pointer: string;
        readonly claim?: 'sub' | 'tenant';
        readonly headers?: Readonly<Record<string, string>>;
        readonly ttlSeconds?: number;
        readonly timeoutMs?: number;
      };
    };

/** An object-level rule (OWASP API1, BOLA). */
export interface ObjectRule {
  /** operationId or `METHOD /path`, or a list of them. */
  readonly operation: string | readonly string[];
  readonly object: ObjectReference;
  readonly owner: OwnerRule;
  /** Roles that may act on any object (e.g. `support`). */
  readonly bypassRoles?: readonly string[];
}

/** `policies.authorize`. */
export interface AuthorizePolicyConfig {
  /**
   * Evaluate the description's security requirements: some alternative must be satisfied by the request's
   * credentials, each with its required scopes. Default true.
   */
  readonly securityRequirements?: boolean;
  /** Roles per operation (operationId or `METHOD /path`): the caller needs one. `x-rampart-roles` adds more. */
  readonly roles?: Readonly<Record<string, readonly string[]>>;
  readonly objects?: readonly ObjectRule[];
  /** Status for object-level refusals: 403 (default), or 404 to not confirm the object exists. */
  readonly objectDenialStatus?: 403 | 404;
  /** Relationship tuples for `owner.relation` rules. */
  readonly relations?: {
    readonly tuples?: readonly string[];
    /** A file of tuples, one per line; reloaded when it changes. */
    readonly file?: string;
    readonly rules?: RelationRules;
    /** Type of callers in tuples. Default `user`. */
    readonly subjectType?: string;
    /** Longest chain of relations walked. Default 8. */
    readonly maxDepth?: number;
    readonly watchIntervalMs?: number;
  };
  /** Property-level authorization (OWASP API3). */
  readonly properties?: {
    /** Property names (at any depth) only callers with one of `roles` see in responses. */
    readonly visibleTo?: readonly { readonly property: string; readonly roles: readonly string[] }[];
    /** Properties the response schema does not declare: `strip` (default) or `keep`. */
    readonly undeclared?: 'strip' | 'keep';
    /** JSON responses too large (`limits.maxResponseBufferBytes`) or compressed to filter: `block` (502, default) or `pass`. */
    readonly oversize?: 'block' | 'pass';
    /** Property names (any depth, case-insensitive) only `privilegedRoles` may send. Default: role, isAdmin, balance… */
    readonly privileged?: readonly string[];
    readonly privilegedRoles?: readonly string[];
    /** Request bodies with `readOnly` properties: `reject` (400, default) or `ignore`. */
    readonly readOnly?: 'reject' | 'ignore';
  };
}

/** Property names that let a caller raise its own privileges or change balances when mass-assigned. */
export const DEFAULT_PRIVILEGED_PROPERTIES: readonly string[] = [
  'role',
  'roles',
  'isAdmin',
  'is_admin',
  'admin',
  'permissions',
  'privileges',
  'scopes',
  'balance',
  'credit',
  'ownerId',
  'owner_id',
  'tenantId',
  'tenant_id',
  'verified',
  'isVerified',
  'emailVerified',
  'email_verified',
];

interface CompiledObjectRule {
  readonly object: ObjectReference;
  readonly type: string;
  readonly bodyPointer: string[] | undefined;
  readonly check: (id: string, ctx: RequestContext) => boolean | Promise<boolean>;
  readonly bypass: ReadonlySet<string> | undefined;
}

const EMPTY_ROLES: ReadonlySet<string> = new Set();

/**
 * Centralized authorization (OWASP API1, API3, API5):
 *
 * - function level: the operation's security requirements (one alternative satisfied, with its scopes; 401 when
 *   no credential counted, 403 `insufficient_scope` otherwise) and roles per operation (policy `roles`,
 *   `x-rampart-roles` on the operation);
 * - object level: declarative ownership rules: the id from the path, query or body must equal a claim, be related
 *   to the caller through relationship tuples (Zanzibar-style, with rewrites and a bounded walk), or be owned by
 *   the caller according to a lookup service (cached);
 * - property level: request bodies carrying `readOnly` properties (400) or privileged ones (403) are refused
 *   (mass assignment), and JSON responses are filtered to what the description and the caller's roles allow
 *   (`writeOnly`, `x-rampart-roles`, `visibleTo`, undeclared properties).
 *
 * Compiled once per configuration; per request it is a few map look-ups unless an object rule needs the body or
 * a lookup, or the response is filtered. Also runs (security requirements only) whenever an authentication
 * policy is configured, so that operations with several alternatives are enforced.
 */
export const authorizePolicy = definePolicy<AuthorizePolicyConfig>({
  id: 'authorize',
  stage: 'authorize',
  failMode: 'closed',
  description:
    'Function-, object- and property-level authorization from the description and declarative rules.',
  compile(config, context) {
    const model = context.model;
    const policies = context.options.policies;
    const authConfigured = ['jwt', 'introspection', 'api-key'].some((id) => policies[id] !== undefined);
    if (config === undefined && !(authConfigured && model)) return undefined;
    const r = createConfigReader(config, '', context.problem);
    r.known(['securityRequirements', 'roles', 'objects', 'objectDenialStatus', 'relations', 'properties']);
    const enforceSecurity = r.bool('securityRequirements', true) && model !== undefined;
    const denialStatus = r.value['objectDenialStatus'] ?? 403;
    if (denialStatus !== 403 && denialStatus !== 404) r.problem('objectDenialStatus', 'must be 403 or 404');
    const closers: (() => unknown)[] = [];

    const plans = new Map<Operation, { roles?: Set<string>; objects: CompiledObjectRule[] }>();
    const planOf = (op: Operation) => {
      let plan = plans.get(op);
      if (!plan) {
        plan = { objects: [] };
        plans.set(op, plan);
      }
      return plan;
    };
    for (const op of model?.operations ?? []) {
      const roles = op.extensions['x-rampart-roles'];
      if (Array.isArray(roles))
        planOf(op).roles = new Set(roles.filter((x): x is string => typeof x === 'string'));
    }
    const roleConfig = r.object('roles');
    for (const [ref, roles] of Object.entries(roleConfig?.value ?? {})) {
      const op = findOperation(model, ref, roleConfig as ConfigReader, ref);
      if (!Array.isArray(roles) || roles.some((x) => typeof x !== 'string'))
        roleConfig?.problem(ref, 'must be a list of role names');
      else if (op) {
        const plan = planOf(op);
        plan.roles = new Set([...(plan.roles ?? []), ...(roles as string[])]);
      }
    }

    // Relations
    const relationsConfig = r.object('relations');
    relationsConfig?.known(['tuples', 'file', 'rules', 'subjectType', 'maxDepth', 'watchIntervalMs']);
    const subjectType = relationsConfig?.string('subjectType') ?? 'user';
    const maxDepth = relationsConfig?.int('maxDepth', 8, 1, 64) ?? 8;
    const rules = (relationsConfig?.value['rules'] ?? {}) as RelationRules;
    checkRules(rules, relationsConfig);
    const inlineTuples = relationsConfig?.strings('tuples') ?? [];
    const relationFile = relationsConfig?.string('file');
    let graph: RelationGraph | undefined;
    const loadGraph = (report: (message: string) => void): RelationGraph | undefined => {
      let lines = inlineTuples;
      if (relationFile !== undefined) {
        try {
          lines = [...inlineTuples, ...readFileSync(relationFile, 'utf8').split('\n')];
        } catch (error) {
          report(`cannot read relations file "${relationFile}": ${(error as Error).message}`);
          return undefined;
        }
      }
      const parsed = createRelationGraph(lines, rules, maxDepth);
      if (!parsed.ok) {
        for (const problem of parsed.problems.slice(0, 5)) report(problem);
        return undefined;
      }
      return parsed.graph;
    };
    if (relationsConfig) {
      graph = loadGraph((message) => relationsConfig.problem(relationFile ? 'file' : 'tuples', message));
      if (relationFile !== undefined) {
        const interval = relationsConfig.int('watchIntervalMs', 5000, 0, 3_600_000);
        if (interval > 0)
          closers.push(
            watchFiles([relationFile], interval, () => {
              const next = loadGraph((message) =>
                context.options.logger.warn(
                  `gateway: authorize relations not reloaded, keeping the old ones: ${message}`,
                ),
              );
              if (next) graph = next;
            }),
          );
      }
    }

    // Object rules
    const lookups: OwnerLookup[] = [];
    (r.list('objects') ?? []).forEach((rule) => {
      rule.known(['operation', 'object', 'owner', 'bypassRoles']);
      const refs = rule.strings('operation', { single: true, required: true }) ?? [];
      const objectReader = rule.object('object', { required: true });
      objectReader?.known(['from', 'name', 'type']);
      const from = objectReader?.oneOf('from', ['path', 'query', 'body'], 'path') ?? 'path';
      const name = objectReader?.string('name', { required: true });
      const ownerReader = rule.object('owner', { required: true });
      ownerReader?.known(['claim', 'relation', 'lookup']);
      const bypass = rule.strings('bypassRoles');
      if (!name || !ownerReader) return;
      const type = objectReader?.string('type') ?? name.replace(/^\//, '').replace(/Id$|_id$/, '');
      let check: CompiledObjectRule['check'] | undefined;
      const kinds = ['claim', 'relation', 'lookup'].filter((k) => ownerReader.has(k));
      if (kinds.length !== 1)
        ownerReader.problem('', 'must have exactly one of "claim", "relation", "lookup"');
      if (ownerReader.has('claim')) {
        const claim = ownerReader.oneOf('claim', ['sub', 'tenant'], 'sub');
        check = (id, ctx) => id === claimOf(ctx, claim);
      } else if (ownerReader.has('relation')) {
        const relation = ownerReader.string('relation');
        if (!relationsConfig) ownerReader.problem('relation', 'needs "relations" (tuples or a file)');
        if (relation)
          check = (id, ctx) =>
            graph !== undefined &&
            ctx.identity !== undefined &&
            graph.check(`${type}:${id}`, relation, `${subjectType}:${ctx.identity.subject}`);
      } else if (ownerReader.has('lookup')) {
        const l = ownerReader.object('lookup');
        l?.known(['url', 'pointer', 'claim', 'headers', 'ttlSeconds', 'timeoutMs']);
        const url = l?.string('url', { required: true });
        const pointer = l?.string('pointer', { required: true });
        const claim = l?.oneOf('claim', ['sub', 'tenant'], 'sub') ?? 'sub';
        if (url !== undefined && !url.includes('{value}'))
          l?.problem('url', 'must contain "{value}" where the object id goes');
        let absolute: string | undefined;
        if (url !== undefined) {
          const upstream = context.options.upstreams[0]?.url;
          try {
            absolute = new URL(url, upstream).href.replaceAll('%7Bvalue%7D', '{value}');
          } catch {
            l?.problem('url', `must be a URL or a path on the first upstream, got "${url}"`);
          }
        }
        if (pointer !== undefined && !pointer.startsWith('/'))
          l?.problem('pointer', 'must be a JSON pointer like "/ownerId"');
        const headers = (l?.value['headers'] ?? {}) as Record<string, string>;
        if (absolute && pointer) {
          const lookup = createOwnerLookup({
            url: absolute,
            pointer,
            headers,
            ttlMs: (l?.int('ttlSeconds', 60, 0, 86_400) ?? 60) * 1000,
            timeoutMs: l?.int('timeoutMs', 2000, 1, 60_000) ?? 2000,
            maxEntries: 10_000,
          });
          lookups.push(lookup);
          check = async (id, ctx) => {
            const owner = await lookup.owner(id);
            return owner !== undefined && owner !== null && String(owner) === claimOf(ctx, claim);
          };
        }
      }
      for (const ref of refs) {
        const op = findOperation(model, ref, rule, 'operation');
        if (!op || !check) continue;
        if (from === 'path' && !op.parameters.some((p) => p.in === 'path' && p.name === name))
          objectReader?.problem('name', `"${name}" is not a path parameter of "${op.key}"`);
        planOf(op).objects.push({
          object: { from, name, type },
          type,
          bodyPointer:
            from === 'body'
              ? (name.startsWith('/') ? name.slice(1).split('/') : [name]).map((t) =>
                  t.replaceAll('~1', '/').replaceAll('~0', '~'),
                )
              : undefined,
          check,
          bypass: bypass ? new Set(bypass) : undefined,
        });
      }
    });
    for (const lookup of lookups) closers.push(() => lookup.close());

    // Properties
    const propertiesConfig = r.object('properties');
    propertiesConfig?.known([
      'visibleTo',
      'undeclared',
      'oversize',
      'privileged',
      'privilegedRoles',
      'readOnly',
    ]);
    const restricted = new Map<string, Set<string>>();
    for (const entry of propertiesConfig?.list('visibleTo') ?? []) {
      entry.known(['property', 'roles']);
      const property = entry.string('property', { required: true });
      const roles = entry.strings('roles', { required: true });
      if (property && roles)
        restricted.set(property, new Set([...(restricted.get(property) ?? []), ...roles]));
    }
    const stripUndeclared =
      (propertiesConfig?.oneOf('undeclared', ['strip', 'keep'], 'strip') ?? 'strip') === 'strip';
    const blockOversize =
      (propertiesConfig?.oneOf('oversize', ['block', 'pass'], 'block') ?? 'block') === 'block';
    const privileged = new Set(
      (propertiesConfig?.strings('privileged') ?? DEFAULT_PRIVILEGED_PROPERTIES).map((p) => p.toLowerCase()),
    );
    const privilegedRoles = new Set(propertiesConfig?.strings('privilegedRoles') ?? []);
    const rejectReadOnly =
      (propertiesConfig?.oneOf('readOnly', ['reject', 'ignore'], 'reject') ?? 'reject') === 'reject';
    const memo = new Map<object, SchemaNode>();
    const requestNodes = new Map<Operation, SchemaNode | null>();
    const requestNodeOf = (op: Operation): SchemaNode | null => {
      let node = requestNodes.get(op);
      if (node === undefined) {
        const media = op.requestBody?.content.find((m) => isJsonMedia(m.mediaType));
        node = media?.schema ? buildSchemaNode(media.schema, memo) : null;
        requestNodes.set(op, node);
      }
      return node;
    };
    const responseNodes = new Map<Operation, Map<number, SchemaNode | null>>();
    const responseNodeOf = (op: Operation, status: number): SchemaNode | null => {
      let byStatus = responseNodes.get(op);
      if (!byStatus) {
        byStatus = new Map();
        responseNodes.set(op, byStatus);
      }
      let node = byStatus.get(status);
      if (node === undefined) {
        const response =
          op.responses.find((x) => x.status === String(status)) ??
          op.responses.find((x) => x.status.toUpperCase() === `${Math.floor(status / 100)}XX`) ??
          op.responses.find((x) => x.status === 'default');
        const media = response?.content.find((m) => isJsonMedia(m.mediaType));
        node = media?.schema ? buildSchemaNode(media.schema, memo) : null;
        byStatus.set(status, node);
      }
      return node;
    };
    const filtering = propertiesConfig !== undefined;

    const close = async (): Promise<void> => {
      for (const c of closers.splice(0)) await c();
    };

    const objectDenial = (reason: string): Denial => ({
      status: denialStatus as number,
      ...(denialStatus === 404
        ? { detail: 'No such resource.' }
        : { detail: 'You may not access this resource.' }),
      reason,
    });

    // Object checks stay synchronous unless they need the body or a lookup, so that the common case (an id from
    // the path compared with a claim or relation tuples) costs no promise.
    const checkObjects = (
      ctx: RequestContext,
      rules: readonly CompiledObjectRule[],
      from: number,
    ): Denial | undefined | Promise<Denial | undefined> => {
      for (let i = from; i < rules.length; i++) {
        const result = checkObject(ctx, rules[i] as CompiledObjectRule);
        if (result instanceof Promise)
          return result.then((denial) => denial ?? checkObjects(ctx, rules, i + 1));
        if (result) return result;
      }
      return undefined;
    };

    const checkObject = (
      ctx: RequestContext,
      rule: CompiledObjectRule,
    ): Denial | undefined | Promise<Denial | undefined> => {
      const identity = ctx.identity;
      if (!identity)
        return {
          status: 401,
          detail: 'Authentication is required.',
          reason: 'object rule needs an identity',
        };
      if (rule.bypass && identity.roles?.some((role) => rule.bypass?.has(role))) return undefined;
      if (rule.object.from === 'path') return decideObject(ctx, rule, ctx.params[rule.object.name]);
      if (rule.object.from === 'query')
        return decideObject(ctx, rule, new URLSearchParams(ctx.query).get(rule.object.name) ?? undefined);
      return ctx.readJson().then((body) => {
        let current: unknown = body;
        for (const token of rule.bodyPointer ?? []) {
          if (typeof current !== 'object' || current === null || !Object.hasOwn(current, token)) {
            current = undefined;
            break;
          }
          current = (current as Record<string, unknown>)[token];
        }
        return decideObject(ctx, rule, current);
      });
    };

    const decideObject = (
      ctx: RequestContext,
      rule: CompiledObjectRule,
      value: unknown,
    ): Denial | undefined | Promise<Denial | undefined> => {
      const id = typeof value === 'number' ? String(value) : value;
      if (typeof id !== 'string' || id === '')
        return objectDenial(
          `object ${rule.object.from} "${rule.object.name}" is missing, so ownership cannot be checked`,
        );
      const refuse = (): Denial =>
        objectDenial(
          `${ctx.identity?.subject} may not act on ${rule.type}:${id.slice(0, 64)} (${rule.object.from} "${rule.object.name}")`,
        );
      const allowed = rule.check(id, ctx);
      if (allowed instanceof Promise) return allowed.then((ok) => (ok ? undefined : refuse()));
      return allowed ? undefined : refuse();
    };

    const checkProperties = async (ctx: RequestContext, op: Operation): Promise<Denial | undefined> => {
      const body = await ctx.readJson();
      const found = findMassAssignment(body, requestNodeOf(op) ?? undefined, privileged);
      if (!found) return undefined;
      if (found.readOnly.length > 0 && rejectReadOnly)
        return {
          status: 400,
          detail: `The request sets read-only properties: ${found.readOnly.join(', ')}.`,
          reason: `mass assignment: read-only ${found.readOnly.join(', ')}`,
        };
      if (
        found.privileged.length > 0 &&
        !(ctx.identity?.roles ?? []).some((role) => privilegedRoles.has(role))
      )
        return {
          status: 403,
          detail: `The request sets properties you may not set: ${found.privileged.join(', ')}.`,
          reason: `mass assignment: privileged ${found.privileged.join(', ')}`,
        };
      return undefined;
    };

    const isJsonRequest = (ctx: RequestContext): boolean => {
      const type = ctx.headers['content-type'];
      return (
        ctx.hasBody &&
        typeof type === 'string' &&
        isJsonMedia(type.split(';', 1)[0]?.trim().toLowerCase() ?? '')
      );
    };

    return {
      request(ctx) {
        const op = ctx.operation;
        if (!op) return undefined;
        if (enforceSecurity && op.security.length > 0) {
          const denial = checkSecurity(ctx, op, model as ApiModel);
          if (denial) return denial;
        }
        const plan = plans.get(op);
        if (plan?.roles) {
          const roles = ctx.identity?.roles ?? [];
          if (!roles.some((role) => plan.roles?.has(role)))
            return ctx.identity
              ? {
                  status: 403,
                  detail: 'You may not call this operation.',
                  reason: `${ctx.identity.subject} has none of the roles ${[...plan.roles].join(', ')} for ${op.key}`,
                }
              : { status: 401, detail: 'Authentication is required.', reason: `${op.key} needs a role` };
        }
        if (filtering && op.responses.some((x) => x.content.some((m) => isJsonMedia(m.mediaType))))
          ctx.inspectResponse();
        const needsProperties = filtering && isJsonRequest(ctx) && op.requestBody !== undefined;
        const objects = plan?.objects.length ? checkObjects(ctx, plan.objects, 0) : undefined;
        if (!needsProperties) return objects;
        if (objects instanceof Promise) return objects.then((denial) => denial ?? checkProperties(ctx, op));
        return objects ?? checkProperties(ctx, op);
      },
      response: filtering
        ? async (ctx, response) => {
            const op = ctx.operation;
            if (!op || !response.isJson) return undefined;
            const node = responseNodeOf(op, response.status);
            if (!node && restricted.size === 0) return undefined;
            const json = await response.readJson();
            if (json.state === 'json') {
              const viewer: FilterViewer = {
                roles: ctx.identity?.roles ? new Set(ctx.identity.roles) : EMPTY_ROLES,
                restricted,
                stripUndeclared,
              };
              const filtered = filterJsonBySchema(json.value, node ?? undefined, viewer);
              if (filtered !== json.value) response.replaceJson(filtered);
              return undefined;
            }
            if (
              (json.state === 'too-large' || json.state === 'encoded' || json.state === 'malformed') &&
              blockOversize
            )
              return {
                status: 502,
                detail: 'The upstream response could not be checked.',
                reason: `response of ${op.key} is ${json.state} and cannot be filtered (properties.oversize: block)`,
              };
            return undefined;
          }
        : undefined,
      close,
    };
  },
});

function checkSecurity(ctx: RequestContext, op: Operation, model: ApiModel): Denial | undefined {
  let anySatisfied = false;
  let missingScopes: string[] | undefined;
  for (const alternative of op.security) {
    let ok = true;
    for (const scheme in alternative) {
      const required = alternative[scheme] as readonly string[];
      const granted =
        ctx.satisfiedSchemes.get(scheme) ??
        (model.securitySchemes[scheme]?.type === 'mutualTLS' && ctx.clientCertificate?.authorized
          ? []
          : undefined);
      if (granted === undefined) {
        ok = false;
        continue;
      }
      anySatisfied = true;
      const missing = required.filter((s) => !granted.includes(s));
      if (missing.length > 0) {
        ok = false;
        missingScopes ??= missing;
      }
    }
    if (ok) return undefined;
  }
  if (!anySatisfied)
    return {
      status: 401,
      detail: 'Authentication is required.',
      reason: `no credential satisfies the security requirements of ${op.key}`,
    };
  return {
    status: 403,
    detail: 'The credential lacks a required scope.',
    reason: `missing scope ${missingScopes?.join(' ') ?? ''} for ${op.key}`,
    headers: {
      'www-authenticate': `Bearer error="insufficient_scope", scope="${(missingScopes ?? []).join(' ')}"`,
    },
  };
}

function claimOf(ctx: RequestContext, claim: 'sub' | 'tenant'): string | undefined {
  return claim === 'sub' ? ctx.identity?.subject : ctx.identity?.tenant;
}

function findOperation(
  model: ApiModel | undefined,
  ref: string,
  reader: ConfigReader,
  key: string,
): Operation | undefined {
  if (!model) {
    reader.problem(key, 'needs routing.model: operations are looked up in the API description');
    return undefined;
  }
  const byKey = /^[a-z]+ /i.test(ref)
    ? `${ref.slice(0, ref.indexOf(' ')).toUpperCase()}${ref.slice(ref.indexOf(' '))}`
    : ref;
  const op = model.operations.find((o) => o.operationId === ref || o.key === byKey);
  if (!op) reader.problem(key, `"${ref}" is not an operationId or "METHOD /path" of the description`);
  return op;
}

function checkRules(rules: unknown, reader: ConfigReader | undefined): void {
  if (!reader || rules === undefined) return;
  const ok =
    typeof rules === 'object' &&
    rules !== null &&
    Object.values(rules).every(
      (relations) =>
        typeof relations === 'object' &&
        relations !== null &&
        Object.values(relations).every(
          (list) => Array.isArray(list) && list.every((x) => typeof x === 'string'),
        ),
    );
  if (!ok) reader.problem('rules', 'must map type → relation → list of rewrites ("owner", "parent->member")');
}

function isJsonMedia(type: string): boolean {
  const essence = type.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || essence.endsWith('+json');
}
