import type { AuthMethod, Identity } from '@rampart/core';

/** Which claims of a token (JWT payload or introspection response) carry what. */
export interface TokenClaimNames {
  /** Claim with the roles: an array of strings or a space-separated string; dotted for nesting (`realm_access.roles`). */
  readonly roles: string;
  /** Claim with the tenant, dotted for nesting. */
  readonly tenant: string;
}

/** What a verified token says about its holder, ready for the context and the event. */
export interface TokenIdentity {
  readonly identity: Identity;
  /** The scopes granted (`scope`, space-separated, RFC 8693 §4.2 / RFC 7662; or `scp`, a list or string). */
  readonly scopes: readonly string[];
}

/**
 * Builds the identity of a verified token: subject from `sub` (else `client_id`, RFC 9068 §2.2 / RFC 7662),
 * roles and tenant from the configured claims, scopes from `scope`/`scp`, the issuer, and the credential
 * fingerprint (never the token). Returns `undefined` when the token names no subject.
 */
export function buildTokenIdentity(
  claims: Readonly<Record<string, unknown>>,
  names: TokenClaimNames,
  method: AuthMethod,
  fingerprint: string,
): TokenIdentity | undefined {
  const sub = claims['sub'];
  const clientId = claims['client_id'];
  const subject =
    typeof sub === 'string' && sub !== ''
      ? sub
      : typeof clientId === 'string' && clientId !== ''
        ? clientId
        : undefined;
  if (subject === undefined) return undefined;
  const scopes = readList(claims['scope'] ?? claims['scp']);
  const roles = readList(readPath(claims, names.roles));
  const tenant = readPath(claims, names.tenant);
  const issuer = claims['iss'];
  const identity: Identity = Object.freeze({
    subject,
    method,
    ...(roles.length > 0 ? { roles } : {}),
    ...(scopes.length > 0 ? { scopes } : {}),
    ...(typeof tenant === 'string' && tenant !== '' ? { tenant } : {}),
    ...(typeof issuer === 'string' ? { issuer } : {}),
    credentialFingerprint: fingerprint,
  });
  return { identity, scopes };
}

function readPath(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let current: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function readList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter((s) => s !== '');
  if (Array.isArray(value))
    return Object.freeze(value.filter((s): s is string => typeof s === 'string')) as string[];
  return [];
}
