import { decodeJwt } from '../jwt/decode-jwt.js';

/** Boolean flags that say an account is privileged when true (`is_staff`, `isAdmin`, `superuser`). */
const FLAG = /^(is)?(admin|administrator|staff|superuser|superadmin|root|moderator|operator)$/;
/** Fields that name an account's role or roles. */
const ROLE_FIELD = /^(role|roles|usertype|accounttype|accesslevel|group|groups|scope|scopes|permissions)$/;
/** Role values of privileged accounts. */
const PRIVILEGED_ROLE =
  /^(admin|administrator|staff|superuser|superadmin|root|moderator|operator|backoffice)$/i;
/** Wrapper keys under which an account is often returned (`{ user: {...} }`). */
const WRAPPERS = ['user', 'account', 'profile', 'data', 'me', 'identity'];

const normalize = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function roleValues(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The privilege an account object (or JWT payload) claims for itself, as `field=value`, or undefined: a true
 * admin/staff/superuser flag, or a role, group or scope that names one. Wrapper objects (`user`, `account`,
 * `data`, …) are looked into one level deep; lists are not (a list of accounts says nothing about the caller).
 */
export function findPrivilegeClaim(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const candidates = [body, ...WRAPPERS.map((key) => body[key]).filter(isRecord)];
  for (const candidate of candidates) {
    for (const [name, value] of Object.entries(candidate)) {
      const key = normalize(name);
      if (FLAG.test(key) && value === true) return `${name}=true`;
      if (ROLE_FIELD.test(key)) {
        const role = roleValues(value).find((v) => PRIVILEGED_ROLE.test(v.replace(/^role[_:-]?/i, '')));
        if (role !== undefined) return `${name}=${role}`;
      }
    }
  }
  return undefined;
}

/** The privilege a JWT's claims give its holder (see {@link findPrivilegeClaim}), or undefined. */
export function findJwtPrivilegeClaim(token: string): string | undefined {
  const payload = decodeJwt(token)?.payload;
  return payload === undefined ? undefined : findPrivilegeClaim(payload);
}
