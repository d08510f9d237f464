import { randomBytes } from 'node:crypto';
import type { JsonSchema, Operation } from '@rampart/openapi';
import { classifyCredentialField } from '../bootstrap/classify-credential-field.js';
import { findSignupOperation } from '../bootstrap/find-signup-operation.js';
import type { CheckContext } from '../check-context.js';
import { collectSchemaProperties } from '../collect-schema-properties.js';
import { defineCheck } from '../define-check.js';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import { resolvePathValues } from '../explore/explore-api.js';
import { sampleSchema } from '../explore/sample-schema.js';
import { findObjectById } from '../find-object-by-id.js';
import { findResponseSchema } from '../find-response-schema.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { looksAdminOnly } from '../looks-admin-only.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

/** Properties that grant privilege or value when a client can set them. */
const PRIVILEGED =
  /^(role|roles|isadmin|admin|issuperuser|superuser|isstaff|staff|permissions|permission|scopes|scope|groups|group|privileges|accesslevel|balance|credit|credits|points|creditlimit)$/;
/** Properties whose change matters less (state, plan, limits): tried after the privileged ones. */
const NOTABLE =
  /^(level|tier|plan|verified|isverified|emailverified|phoneverified|approved|isapproved|kycstatus|status|accounttype|usertype|limit|dailylimit|discount|price|amount)$/;
/** Never touched: identity, secrets, ownership and bookkeeping (changing them could lock the identity out). */
const UNTOUCHABLE =
  /^(id|uuid|username|login|email|password|passwordhash|hash|salt|secret|token|ownerid|userid|createdat|updatedat|created|updated|version|etag)$/;
const PRIVILEGED_VALUES = [
  'admin',
  'administrator',
  'superuser',
  'root',
  'staff',
  'approved',
  'verified',
  'premium',
  'enterprise',
];
const MAX_PROPERTIES = 8;
const normalize = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

interface Candidate {
  readonly name: string;
  readonly value: unknown;
  readonly privileged: boolean;
  /** 0 privileged, 1 notable, 2 other protected: the order they are tried in. */
  readonly rank: number;
  /** Why it may not be set: read-only in the schema, absent from the write schema, or privileged. */
  readonly reason: string;
}

/** A new value for `name` that differs from `current` and, for privilege-like fields, raises privilege. */
function chooseValue(schema: JsonSchema | undefined, current: unknown, marker: string): unknown {
  const options = Array.isArray(schema?.['enum']) ? (schema['enum'] as unknown[]) : undefined;
  if (options) {
    return (
      options.find(
        (o) => typeof o === 'string' && PRIVILEGED_VALUES.includes(o.toLowerCase()) && o !== current,
      ) ?? options.find((o) => o !== current)
    );
  }
  if (typeof current === 'boolean') return !current;
  if (typeof current === 'number') return current + 1_000_000;
  if (typeof current === 'string') {
    if (/^\d{4}-\d{2}-\d{2}/.test(current)) return undefined;
    return marker.slice(0, Math.max(8, Math.min(current.length + 8, 40)));
  }
  if (Array.isArray(current) && current.every((v) => typeof v === 'string')) return [...current, 'admin'];
  return undefined;
}

/** Properties to try on a write: privileged names, and read-side properties the write schema leaves out or marks read-only. */
function chooseCandidates(
  write: Operation,
  read: Operation,
  object: Record<string, unknown>,
  marker: string,
): Candidate[] {
  const writeProps = collectSchemaProperties(findJsonBodySchema(write)).properties;
  const readProps = collectSchemaProperties(findResponseSchema(read)).properties;
  const out: Candidate[] = [];
  for (const [name, current] of Object.entries(object)) {
    const key = normalize(name);
    if (UNTOUCHABLE.test(key) || current === null || (typeof current === 'object' && !Array.isArray(current)))
      continue;
    const writeSchema = writeProps.get(name);
    const readSchema = readProps.get(name);
    const privileged = PRIVILEGED.test(key);
    const notable = NOTABLE.test(key);
    const readOnly = readSchema?.['readOnly'] === true || writeSchema?.['readOnly'] === true;
    const notWritable = writeSchema === undefined;
    if (!privileged && !notable && !readOnly && !notWritable) continue;
    const value = chooseValue(readSchema ?? writeSchema, current, marker);
    if (value === undefined || JSON.stringify(value) === JSON.stringify(current)) continue;
    out.push({
      name,
      value,
      privileged,
      rank: privileged ? 0 : notable ? 1 : 2,
      reason: readOnly
        ? 'read-only in the schema'
        : notWritable
          ? 'not in the request schema'
          : 'privilege-bearing',
    });
  }
  return out.sort((a, b) => a.rank - b.rank).slice(0, MAX_PROPERTIES);
}

export const api3MassAssignment = defineCheck({
  id: 'api3-mass-assignment',
  title: 'Mass assignment of protected properties',
  severity: 'high',
  owasp: 'API3',
  cwe: 915,
  maxRequests: 200,
  description:
    'For each PATCH/PUT on an object the identity can read back (GET on the same path), properties it should ' +
    'not control are sent one at a time: privilege-bearing names (role, isAdmin, balance, status, limit, …) and ' +
    'properties the read schema has but the write schema leaves out or marks readOnly, with a new value ' +
    '(a privileged enum value, a flipped boolean, a number raised by 1 000 000). A 2xx proves nothing: the ' +
    'object is re-read and the finding needs the new value to have stuck. Every change is reverted. The ' +
    "API's public sign-up is tried too: two throwaway accounts are registered, one plain and one with a " +
    'privilege-bearing property (is_staff, isAdmin, role: admin, …) the answer or the description names; the ' +
    'finding needs the privileged account to come back with the privilege and the plain one without it.',
  remediation:
    'Bind request bodies to an explicit allow-list of writable fields per operation and role (a DTO), reject ' +
    'unknown or read-only properties with 400, and never merge the raw body into the stored record.',
  async run(ctx) {
    if (ctx.options.readOnly) return;
    await probeSignup(ctx);
    for (const session of [...ctx.users, ...ctx.admins].slice(0, 2)) {
      for (const write of ctx.model.operations) {
        if ((write.method !== 'patch' && write.method !== 'put') || write.isWebhook) continue;
        if (!session.admin && looksAdminOnly(write)) continue;
        if (findJsonBodySchema(write) === undefined) continue;
        const read = ctx.model.operations.find((op) => op.method === 'get' && op.path === write.path);
        if (read === undefined) continue;
        await probe(ctx, session, write, read);
      }
    }
  },
});

async function probe(
  ctx: CheckContext,
  session: IdentitySession,
  write: Operation,
  read: Operation,
): Promise<void> {
  const hasPath = write.parameters.some((p) => p.in === 'path');
  const path = hasPath ? resolvePathValues(write, ctx.values, session.name, 1)[0] : {};
  if (path === undefined) return;
  const readRequest = ctx.buildRequest(read, { path });
  if (readRequest === undefined) return;
  const id = Object.values(path)[0];
  const readObject = async (): Promise<
    { response: ScanResponse; object: Record<string, unknown> } | undefined
  > => {
    const response = await session.send(readRequest);
    if (!isSuccess(response)) return undefined;
    try {
      const body = JSON.parse(response.body) as unknown;
      const object = id === undefined ? body : (findObjectById(body, id) ?? body);
      return object !== null && typeof object === 'object' && !Array.isArray(object)
        ? { response, object: object as Record<string, unknown> }
        : undefined;
    } catch {
      return undefined;
    }
  };
  const before = await readObject();
  if (before === undefined) return;
  const writeRequest = (body: Record<string, unknown>): ScanRequest | undefined =>
    ctx.buildRequest(write, { path, body: write.method === 'put' ? { ...before.object, ...body } : body });
  for (const candidate of chooseCandidates(write, read, before.object, ctx.marker(session.name))) {
    const original = before.object[candidate.name];
    const attack = writeRequest({ [candidate.name]: candidate.value });
    const restore = writeRequest({ [candidate.name]: original });
    if (attack === undefined || restore === undefined) continue;
    const attempt = async () => {
      const response = await session.send(attack);
      if (!isSuccess(response)) return undefined;
      const after = await readObject();
      const stuck =
        after !== undefined &&
        JSON.stringify(after.object[candidate.name]) === JSON.stringify(candidate.value);
      if (stuck) await session.send(restore);
      return stuck && after ? { response, after: after.response } : undefined;
    };
    const proof = await attempt();
    if (proof === undefined) continue;
    const reported = await ctx.report({
      operation: write,
      message: `${session.name} set ${candidate.name} (${candidate.reason}) through ${write.method.toUpperCase()} ${write.path}: ${JSON.stringify(original)} became ${JSON.stringify(candidate.value)}, as the re-read showed`,
      summary: `${write.method.toUpperCase()} with {"${candidate.name}": ${JSON.stringify(candidate.value)}} answered ${proof.response.status} and GET ${read.path} then showed the new value (reverted afterwards)`,
      oracle: 're-read-after-write',
      confidence: 'certain',
      severity: candidate.privileged ? 'high' : 'medium',
      snippet: `${candidate.name}: ${JSON.stringify(original)} → ${JSON.stringify(candidate.value)}`,
      responses: [before.response, proof.response, proof.after],
      tags: ['mass-assignment', candidate.name],
      confirm: async () => (await attempt()) !== undefined,
    });
    if (reported) return;
  }
}

/** Privilege-bearing properties a sign-up may bind: what its answer and schemas name, else common names. */
const SIGNUP_GUESSES: ReadonlyArray<readonly [string, unknown]> = [
  ['is_admin', true],
  ['isAdmin', true],
  ['role', 'admin'],
];

/** The value that would raise privilege for a property of this name and schema, if there is one. */
function privilegedValue(name: string, schema: JsonSchema | undefined, current: unknown): unknown {
  const options = Array.isArray(schema?.['enum']) ? (schema['enum'] as unknown[]) : undefined;
  if (options) {
    return options.find((o) => typeof o === 'string' && PRIVILEGED_VALUES.includes(o.toLowerCase()));
  }
  if (typeof current === 'boolean' || schema?.['type'] === 'boolean') return true;
  if (/role|group|level|type/.test(normalize(name))) return Array.isArray(current) ? ['admin'] : 'admin';
  return undefined;
}

/**
 * Mass assignment at sign-up: a plain registration and one carrying a privilege-bearing property (from the
 * sign-up's answer and response schema, else common names), each with a fresh throwaway account. A finding
 * needs the privileged registration's answer to carry the requested value and the plain one's to differ.
 * The two accounts cannot be deleted through the API; their names say they are the scanner's.
 */
async function probeSignup(ctx: CheckContext): Promise<void> {
  const signup = findSignupOperation(ctx.model);
  if (signup === undefined || signup.body.encoding !== 'json') return;
  const { operation } = signup;
  const register = async (extra: Record<string, unknown>) => {
    const id = randomBytes(5).toString('hex');
    const body: Record<string, unknown> = {};
    for (const [name, schema] of signup.body.properties) {
      if (schema['readOnly'] === true) continue;
      const kind = classifyCredentialField(name);
      if (kind === 'email') body[name] = `rampart-${id}@example.com`;
      else if (kind === 'username') body[name] = `rampart${id}`;
      else if (kind === 'password' || kind === 'password-confirmation') body[name] = `Rampart-${id}-Pw1!`;
      else if (kind === 'name') body[name] = `Rampart scan ${id}`;
      else if (signup.body.required.has(name))
        body[name] = sampleSchema(schema, { marker: 'rampart' }, 0, name);
    }
    const request = ctx.buildRequest(operation, { body: { ...body, ...extra } });
    if (request === undefined) return undefined;
    const response = await ctx.anonymous.send(request);
    let object: Record<string, unknown> | undefined;
    try {
      const parsed = JSON.parse(response.body) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const record = parsed as Record<string, unknown>;
        const inner = ['user', 'account', 'data']
          .map((k) => record[k])
          .find((v) => v && typeof v === 'object');
        object = (inner as Record<string, unknown> | undefined) ?? record;
      }
    } catch {
      object = undefined;
    }
    return isSuccess(response) && object !== undefined ? { response, object } : undefined;
  };
  const plain = await register({});
  if (plain === undefined) return;
  const writable = new Set(signup.body.properties.keys());
  const described = collectSchemaProperties(findResponseSchema(operation)).properties;
  const candidates: Array<[string, unknown]> = [];
  for (const name of new Set([...Object.keys(plain.object), ...described.keys()])) {
    if (writable.has(name) && signup.body.properties.get(name)?.['readOnly'] !== true) continue;
    if (!PRIVILEGED.test(normalize(name))) continue;
    const value = privilegedValue(name, described.get(name), plain.object[name]);
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(plain.object[name]))
      candidates.push([name, value]);
  }
  if (candidates.length === 0)
    candidates.push(...SIGNUP_GUESSES.map(([n, v]) => [n, v] as [string, unknown]));
  for (const [name, value] of candidates.slice(0, 4)) {
    const attempt = async () => {
      const control = await register({});
      const attack = await register({ [name]: value });
      const granted =
        attack !== undefined &&
        control !== undefined &&
        JSON.stringify(attack.object[name]) === JSON.stringify(value) &&
        JSON.stringify(control.object[name]) !== JSON.stringify(value);
      return granted ? { control, attack } : undefined;
    };
    const proof = await attempt();
    if (proof === undefined) continue;
    const reported = await ctx.report({
      operation,
      message: `the public sign-up ${operation.method.toUpperCase()} ${operation.path} binds ${name} from the request: an account registered with ${JSON.stringify({ [name]: value })} came back with it, a plain one with ${JSON.stringify(proof.control.object[name])}`,
      summary: `anonymous sign-up with {"${name}": ${JSON.stringify(value)}} answered ${proof.attack.response.status} with ${name} = ${JSON.stringify(value)}; the same sign-up without it answered ${name} = ${JSON.stringify(proof.control.object[name])}`,
      oracle: 'privilege-granted-at-sign-up',
      confidence: 'firm',
      severity: 'high',
      snippet: `${name}: ${JSON.stringify(value)}`,
      responses: [proof.control.response, proof.attack.response],
      tags: ['mass-assignment', 'sign-up', name],
      confirm: async () => (await attempt()) !== undefined,
    });
    if (reported) return;
  }
}
