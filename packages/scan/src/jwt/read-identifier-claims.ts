import { normalizeFieldName, singularize } from '../explore/name-resource.js';
import { decodeJwt } from './decode-jwt.js';

/** What an identifier claim names: the token's user (by id, username or e-mail), its tenant, or another object. */
export type IdentifierKind = 'user-id' | 'username' | 'email' | 'tenant-id' | 'object-id';

/** One top-level claim of a JWT that identifies something the token's holder may use as a parameter. */
export interface IdentifierClaim {
  /** The claim as the token names it (`preferred_username`, `accountId`). */
  readonly claim: string;
  readonly kind: IdentifierKind;
  /** The resource it identifies: `user` for user ids, usernames and e-mails, `tenant`, else from the name. */
  readonly resource: string;
  /** The normalized field name parameters call it: `userid`, `username`, `email`, `tenantid`, `accountid`. */
  readonly key: string;
  /** The value; a string of digits that a number holds exactly (no leading zero, ≤ 15 digits) as a number. */
  readonly value: string | number;
}

type Meaning = Pick<IdentifierClaim, 'kind' | 'resource' | 'key'>;
const USER_ID: Meaning = { kind: 'user-id', resource: 'user', key: 'userid' };
const USERNAME: Meaning = { kind: 'username', resource: 'user', key: 'username' };
const EMAIL: Meaning = { kind: 'email', resource: 'user', key: 'email' };
const TENANT_ID: Meaning = { kind: 'tenant-id', resource: 'tenant', key: 'tenantid' };

/** Claims with a fixed meaning, by normalized name (RFC 7519 `sub`, OIDC Core 5.1, Microsoft `oid`/`tid`). */
const KNOWN: ReadonlyMap<string, Meaning> = new Map([
  ['sub', USER_ID],
  ['id', USER_ID],
  ['uid', USER_ID],
  ['userid', USER_ID],
  ['oid', USER_ID],
  ['username', USERNAME],
  ['preferredusername', USERNAME],
  ['login', USERNAME],
  ['email', EMAIL],
  ['tid', TENANT_ID],
  ['tenant', TENANT_ID],
  ['tenantid', TENANT_ID],
]);

const ID_WORDS = new Set(['id', 'uuid', 'guid']);
/** Longer than any identifier worth sending back (and than the pool keeps from response bodies). */
const MAX_LENGTH = 200;
const EXACT_NUMBER = /^(?:0|[1-9]\d{0,14})$/;
const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+$/;

/** `accountId`, `account_id`, `account-ID` → [account, id]. */
function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/**
 * The resource an id claim that is not in {@link KNOWN} identifies, or undefined when the name is not an id:
 * its last word is `id`, `uuid` or `guid` after other words (`account_id`, `accountId`, `orgUUID`), or it is one
 * lower-case word ending so after at least three letters (`accountid`). `jti` (the token's own id) and `sid`
 * (a session id, OIDC front-channel logout) are not ids by this rule.
 */
function resourceOfIdClaim(claim: string): string | undefined {
  const words = splitWords(claim);
  const last = words.at(-1);
  if (words.length > 1 && last !== undefined && ID_WORDS.has(last))
    return singularize(words.slice(0, -1).join(''));
  const single = words.length === 1 ? /^([a-z]{3,}?)(?:uuid|guid|id)$/.exec(claim) : null;
  return single?.[1] === undefined ? undefined : singularize(single[1]);
}

function readValue(value: unknown): string | number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) return undefined;
  return EXACT_NUMBER.test(value) ? Number(value) : value;
}

/**
 * The identifiers among a JWT's top-level claims, decoded and never verified, in the payload's order:
 *
 * - the user: `sub`, `id`, `uid`, `user_id`, `oid` (user id); `username`, `preferred_username`, `login`
 *   (username); `email` (only a value with an `@`);
 * - the tenant: `tid`, `tenant`, `tenant_id`;
 * - any other claim named as an id (`account_id`, `orgId`, `deviceUUID`, `accountid`): an object of the resource
 *   its name gives (`account`, `org`, `device`); a user id when that resource is `user` (`user_uuid`).
 *
 * Values are non-empty strings of at most 200 characters and non-negative integers; nested objects, arrays,
 * booleans and other claims (`iss`, `aud`, `exp`, `jti`, `name`, `scope`) are not identifiers. Anything that is not
 * a JWT (an opaque bearer token, a malformed one) gives an empty list; nothing here throws.
 */
export function readIdentifierClaims(token: string): IdentifierClaim[] {
  const payload = decodeJwt(token)?.payload;
  if (payload === undefined) return [];
  const out: IdentifierClaim[] = [];
  for (const [claim, raw] of Object.entries(payload)) {
    const value = readValue(raw);
    if (value === undefined) continue;
    const name = normalizeFieldName(claim);
    const known = KNOWN.get(name);
    if (known !== undefined) {
      if (known.kind === 'email' && !(typeof value === 'string' && EMAIL_ADDRESS.test(value))) continue;
      out.push({ claim, ...known, value });
      continue;
    }
    const resource = resourceOfIdClaim(claim);
    if (resource === undefined) continue;
    const kind = resource === 'user' ? 'user-id' : resource === 'tenant' ? 'tenant-id' : 'object-id';
    out.push({ claim, kind, resource, key: name, value });
  }
  return out;
}
