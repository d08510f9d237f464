import type { JsonSchema, Operation } from '@rampart/openapi';
import { classifySensitiveValue } from '../classify-sensitive-value.js';
import { collectSchemaProperties } from '../collect-schema-properties.js';
import { defineCheck } from '../define-check.js';
import { findResponseSchema } from '../find-response-schema.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest } from '../transport/scan-transport.js';

const MAX_READS = 40;

/** A leaf of a JSON body: its path (`owner.ssn`, `items[].note`), the field names on the way, its value. */
interface Leaf {
  readonly path: string;
  readonly names: readonly string[];
  readonly value: string | number | boolean;
}

/** One field a role should not see but receives. */
interface Exposure {
  readonly path: string;
  readonly why: 'role-restricted' | 'undocumented-sensitive';
  /** Roles the description allows (role-restricted) or the kind of sensitive value (undocumented). */
  readonly detail: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every scalar leaf of a JSON body (bounded). */
function listLeaves(body: unknown): Leaf[] {
  const out: Leaf[] = [];
  let visited = 0;
  const walk = (node: unknown, path: string, names: string[], depth: number) => {
    if (++visited > 5000 || depth > 10) return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 50)) walk(item, `${path}[]`, names, depth + 1);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node))
        walk(value, path ? `${path}.${key}` : key, [...names, key], depth + 1);
    } else if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') {
      out.push({ path, names, value: node });
    }
  };
  walk(body, '', [], 0);
  return out;
}

/**
 * What the response schema says about the field at `names`: the roles allowed to see it (`x-rampart-roles` on
 * the property or an enclosing one) and whether it is documented at all. `documented` is undefined when the
 * schema does not say (no schema, or an open object on the way).
 */
function describeField(
  schema: JsonSchema | undefined,
  names: readonly string[],
): { roles: string[] | undefined; documented: boolean | undefined } {
  let node = schema;
  let roles: string[] | undefined;
  for (const name of names) {
    if (node === undefined) return { roles, documented: undefined };
    const { properties, open } = collectSchemaProperties(node);
    const next = properties.get(name);
    if (next === undefined) return { roles, documented: open || properties.size === 0 ? undefined : false };
    const declared = next['x-rampart-roles'];
    if (Array.isArray(declared)) roles = declared.filter((r): r is string => typeof r === 'string');
    node = next;
  }
  return { roles, documented: true };
}

/** The fields `user` receives that it should not, judged against what `admin` receives for the same request. */
function findExposures(
  operation: Operation,
  user: IdentitySession,
  userBody: unknown,
  adminBody: unknown,
): Exposure[] {
  const schema = findResponseSchema(operation);
  const adminPaths = new Set(listLeaves(adminBody).map((leaf) => leaf.path));
  const out: Exposure[] = [];
  const seen = new Set<string>();
  for (const leaf of listLeaves(userBody)) {
    if (seen.has(leaf.path) || !adminPaths.has(leaf.path)) continue;
    const { roles, documented } = describeField(schema, leaf.names);
    if (roles !== undefined && !roles.includes(user.role ?? '')) {
      seen.add(leaf.path);
      out.push({ path: leaf.path, why: 'role-restricted', detail: roles.join(', ') || '(none)' });
      continue;
    }
    if (documented !== false || typeof leaf.value === 'boolean') continue;
    const sensitive = classifySensitiveValue(leaf.names.at(-1) ?? '', leaf.value);
    if (sensitive === undefined) continue;
    seen.add(leaf.path);
    out.push({ path: leaf.path, why: 'undocumented-sensitive', detail: sensitive.kind });
  }
  return out.slice(0, 10);
}

/** The request without the owner's credentials, so another identity can send it. */
async function stripCredentials(request: ScanRequest, owner: IdentitySession): Promise<ScanRequest> {
  const credentials = await owner.credentials();
  const drop = new Set([
    'authorization',
    'cookie',
    ...Object.keys(credentials.headers).map((h) => h.toLowerCase()),
  ]);
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(
      ([name]) => !drop.has(name.toLowerCase()) && !/^x-rampart-scan$/i.test(name),
    ),
  );
  const { identity: _identity, ...rest } = request;
  return { ...rest, headers };
}

export const api3RoleFieldExposure = defineCheck({
  id: 'api3-role-field-exposure',
  title: 'Fields reserved for another role exposed',
  severity: 'high',
  owasp: 'API3',
  cwe: 213,
  maxRequests: 200,
  description:
    'Role differential at property level: every object a normal user read while exploring is read again as that ' +
    'user and as the admin. Fields both receive that the description reserves for other roles ' +
    '(`x-rampart-roles` on the property) are reported, as are fields absent from the response schema whose ' +
    'name or value is sensitive (hashes, secrets, keys, card numbers) that the user receives like the admin.',
  remediation:
    "Shape every response for the caller's role: serialize through an explicit per-role view (an allow-list of " +
    'properties), never the stored object, and keep admin-only properties out of what other roles receive. ' +
    'Document every returned property in the response schema.',
  async run(ctx) {
    const admin = ctx.admins[0];
    if (admin === undefined) return;
    let reads = 0;
    const done = new Set<string>();
    for (const baseline of ctx.baselines) {
      const user = ctx.users.find((u) => u.name === baseline.identity);
      const { operation, response } = baseline;
      if (user === undefined || operation.method !== 'get' || !isSuccess(response)) continue;
      if (done.has(`${user.name} ${response.request.url}`) || reads >= MAX_READS) continue;
      done.add(`${user.name} ${response.request.url}`);
      reads++;
      const request = await stripCredentials(response.request, user);
      const read = async () => {
        const asUser = await user.send(request);
        const asAdmin = await admin.send(request);
        if (!isSuccess(asUser) || !isSuccess(asAdmin)) return undefined;
        const exposures = findExposures(operation, user, parseJson(asUser.body), parseJson(asAdmin.body));
        return exposures.length === 0 ? undefined : { asUser, asAdmin, exposures };
      };
      const first = await read();
      if (first === undefined) continue;
      // One finding per operation (the fingerprint is per rule and operation): the described restriction
      // decides severity and oracle when there is one.
      const { exposures } = first;
      const restricted = exposures.filter((e) => e.why === 'role-restricted');
      const undocumented = exposures.filter((e) => e.why === 'undocumented-sensitive');
      const list = (items: readonly Exposure[]) => items.map((e) => `${e.path} (${e.detail})`).join(', ');
      const parts = [
        ...(restricted.length > 0
          ? [`${list(restricted)}, which the description reserves for those roles (x-rampart-roles)`]
          : []),
        ...(undocumented.length > 0
          ? [`undocumented sensitive fields ${list(undocumented)}, absent from the response schema`]
          : []),
      ];
      await ctx.report({
        operation,
        message: `${user.name} (role ${user.role ?? 'none'}) receives from GET ${operation.path} ${parts.join('; and ')}; the admin ${admin.name} gets the same fields`,
        summary: `${user.name} and ${admin.name} both got ${first.asUser.status} with ${exposures.map((e) => e.path).join(', ')}`,
        oracle: restricted.length > 0 ? 'role-differential-described' : 'role-differential-undocumented',
        confidence: restricted.length > 0 ? 'certain' : 'firm',
        severity: restricted.length > 0 ? 'high' : 'medium',
        snippet: exposures.map((e) => e.path).join(', '),
        responses: [first.asAdmin, first.asUser],
        tags: ['excessive-data-exposure', 'role-differential'],
        confirm: async () => (await read()) !== undefined,
      });
    }
  },
});
