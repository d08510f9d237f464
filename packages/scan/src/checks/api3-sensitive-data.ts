import type { Operation } from '@rampart/openapi';
import type { CheckContext } from '../check-context.js';
import { classifySensitiveValue, type SensitiveValue } from '../classify-sensitive-value.js';
import { collectSchemaProperties } from '../collect-schema-properties.js';
import { defineCheck } from '../define-check.js';
import { choosePooledValues } from '../explore/choose-pooled-values.js';
import { pathWords } from '../explore/path-words.js';
import { findResponseSchema } from '../find-response-schema.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { decodeJwt } from '../jwt/decode-jwt.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';

interface Exposure {
  readonly path: string;
  readonly name: string;
  readonly value: SensitiveValue;
}

const AUTH_OPERATION = /log-?in|sign-?in|token|auth|session|oauth/i;
const MAX_LOOKUPS = 20;

/** Sensitive leaves of a JSON body (bounded), with their JSON path. */
function findExposures(body: unknown, callerSub: string | undefined): Exposure[] {
  const out: Exposure[] = [];
  let visited = 0;
  const walk = (node: unknown, path: string, name: string, depth: number) => {
    if (++visited > 5000 || depth > 12 || out.length >= 10) return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 50)) walk(item, `${path}[]`, name, depth + 1);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node))
        walk(value, path ? `${path}.${key}` : key, key, depth + 1);
    } else if (typeof node === 'string' || typeof node === 'number') {
      const value = classifySensitiveValue(name, node);
      if (value === undefined) return;
      // A JWT is sensitive when it is someone else's (the caller holds its own anyway).
      if (value.kind === 'jwt') {
        const sub = decodeJwt(String(node))?.payload['sub'];
        if (sub === undefined || String(sub) === callerSub) return;
      }
      out.push({ path, name, value });
    }
  };
  walk(body, '', '', 0);
  return out;
}

/** Top-level (and list-item) fields of a JSON body the response schema does not document. */
function findUndocumented(body: unknown, operation: Operation): string[] {
  const schema = findResponseSchema(operation);
  if (schema === undefined) return [];
  const { properties, open } = collectSchemaProperties(schema);
  if (open || properties.size === 0) return [];
  const objects = Array.isArray(body) ? body.slice(0, 20) : [body];
  const wrapped = objects.flatMap((o) => {
    if (o === null || typeof o !== 'object') return [];
    const record = o as Record<string, unknown>;
    return [record];
  });
  const extra = new Set<string>();
  for (const record of wrapped)
    for (const key of Object.keys(record)) if (!properties.has(key)) extra.add(key);
  return [...extra].slice(0, 10);
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const api3SensitiveData = defineCheck({
  id: 'api3-sensitive-data',
  title: 'Sensitive data in responses',
  severity: 'high',
  owasp: 'API3',
  cwe: 213,
  maxRequests: 120,
  description:
    'Every JSON answer the identities got while exploring (GETs, not logins), plus lookups whose required query ' +
    "parameters are filled with another identity's values, is searched for sensitive values: password hashes " +
    '(bcrypt, argon2, scrypt, pbkdf2, crypt), passwords, secrets and API keys of high entropy, private keys, ' +
    "other users' JWTs, SSNs and Luhn-valid card numbers. Fields the response schema does not document are " +
    "reported at low severity. Values belonging to another identity's object raise the severity.",
  remediation:
    'Return an explicit view of each object (an allow-list of fields per operation and role), never the ' +
    'stored record; drop hashes, secrets and identifiers such as SSNs from API responses, or mask them.',
  async run(ctx) {
    const seen = new Set<string>();
    const candidates: Array<{
      session: IdentitySession;
      operation: Operation;
      response: ScanResponse;
      crossUser: boolean;
    }> = [];
    for (const baseline of ctx.baselines) {
      const session = ctx.identities.find((s) => s.name === baseline.identity);
      if (session === undefined || session.anonymous || baseline.operation.method !== 'get') continue;
      if (isSuccess(baseline.response))
        candidates.push({
          session,
          operation: baseline.operation,
          response: baseline.response,
          crossUser: false,
        });
    }
    candidates.push(...(await lookupAcrossUsers(ctx)));
    for (const { session, operation, response, crossUser } of candidates) {
      if (AUTH_OPERATION.test(`${operation.path} ${operation.operationId ?? ''}`)) continue;
      const key = `${operation.key}`;
      if (seen.has(key)) continue;
      const body = parse(response.body);
      if (body === undefined) continue;
      const sub = (await session.credentials()).jwt;
      const callerSub = sub ? String(decodeJwt(sub.token)?.payload['sub'] ?? '') : undefined;
      const exposures = findExposures(body, callerSub);
      const request = response.request;
      if (exposures.length > 0) {
        seen.add(key);
        const strong =
          exposures.some((e) => e.value.kind !== 'ssn' && e.value.kind !== 'card-number') || crossUser;
        const fields = exposures.map((e) => `${e.path} (${e.value.kind}: ${e.value.shown})`);
        await ctx.report({
          operation,
          message: `${operation.method.toUpperCase()} ${operation.path} returns sensitive data to ${session.name}${crossUser ? " for another user's object" : ''}: ${fields.join(', ')}`,
          summary: `the ${response.status} answer carries ${exposures.map((e) => e.value.kind).join(', ')} in ${exposures.map((e) => e.path).join(', ')}`,
          oracle: crossUser ? 'sensitive-value-of-another-user' : 'sensitive-value-in-response',
          confidence: 'certain',
          severity: strong ? 'high' : 'medium',
          snippet: fields.join(', '),
          responses: [response],
          tags: ['excessive-data-exposure', ...new Set(exposures.map((e) => e.value.kind))],
          confirm: async () => {
            const again = parse((await session.send(request)).body);
            return again !== undefined && findExposures(again, callerSub).length > 0;
          },
        });
        continue;
      }
      const undocumented = findUndocumented(body, operation);
      if (undocumented.length === 0) continue;
      seen.add(key);
      await ctx.report({
        operation,
        message: `${operation.method.toUpperCase()} ${operation.path} returns fields its response schema does not document: ${undocumented.join(', ')}`,
        summary: `undocumented fields in the ${response.status} answer to ${session.name}: ${undocumented.join(', ')}`,
        oracle: 'undocumented-response-field',
        confidence: 'firm',
        severity: 'low',
        snippet: undocumented.join(', '),
        responses: [response],
        tags: ['excessive-data-exposure', 'schema-drift'],
        confirm: async () => {
          const again = parse((await session.send(request)).body);
          return again !== undefined && findUndocumented(again, operation).length > 0;
        },
      });
    }
  },
});

/**
 * GETs with required query parameters that exploration could not fill (lookups by number, e-mail, code):
 * each user asks for a value another identity owns, then for one of its own.
 */
async function lookupAcrossUsers(
  ctx: CheckContext,
): Promise<
  Array<{ session: IdentitySession; operation: Operation; response: ScanResponse; crossUser: boolean }>
> {
  const out: Array<{
    session: IdentitySession;
    operation: Operation;
    response: ScanResponse;
    crossUser: boolean;
  }> = [];
  let sent = 0;
  for (const operation of ctx.model.operations) {
    if (operation.method !== 'get' || operation.isWebhook) continue;
    if (operation.parameters.some((p) => p.in === 'path')) continue;
    const required = operation.parameters.filter((p) => p.in === 'query' && p.required);
    if (required.length !== 1) continue;
    const param = required[0]!;
    for (const session of ctx.users) {
      if (sent >= MAX_LOOKUPS) return out;
      const values = choosePooledValues(ctx.values, param.name, {
        identity: undefined,
        pathWords: pathWords(operation.path),
        schema: param.schema,
      });
      const other = values.find(
        (v) =>
          ctx.identities.some((s) => s !== session && !s.anonymous && ctx.values.hasSeen(s.name, v)) &&
          !ctx.values.hasSeen(session.name, v),
      );
      const own = values.find((v) => ctx.values.hasSeen(session.name, v));
      for (const [value, crossUser] of [
        [other, true],
        [own, false],
      ] as const) {
        if (value === undefined) continue;
        const request: ScanRequest | undefined = ctx.buildRequest(operation, {
          query: { [param.name]: value },
        });
        if (request === undefined) continue;
        sent++;
        const response = await session.send(request);
        if (isSuccess(response)) out.push({ session, operation, response, crossUser });
      }
    }
  }
  return out;
}
