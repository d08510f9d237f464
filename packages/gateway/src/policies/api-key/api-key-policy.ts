import { createHash, timingSafeEqual } from 'node:crypto';
import { isSecretName } from '@rampart/core';
import type { Operation } from '@rampart/openapi';
import { createSchemeRequirement, type SchemeRequirement } from '../../create-scheme-requirement.js';
import { definePolicy } from '../../define-policy.js';

/** One accepted key: who it belongs to and the SHA-256 of the key (the key itself is never configured). */
export interface ApiKeyEntry {
  /** The key's owner, which becomes `identity.subject`. */
  readonly id: string;
  /** Lower-case hex SHA-256 of the key: `printf %s "$KEY" | sha256sum`. */
  readonly sha256: string;
  readonly roles?: readonly string[];
  readonly scopes?: readonly string[];
  readonly tenant?: string;
}

/** `policies.api-key`. */
export interface ApiKeyPolicyConfig {
  /**
   * The `apiKey` security scheme of the description this policy implements: the key is read where the scheme
   * says, required on the operations whose every security alternative names the scheme, and checked when present
   * on those where only some alternatives do (the `authorize` policy evaluates the alternatives). Without it,
   * every request must carry a key in `in`/`name`.
   */
  readonly scheme?: string;
  /** Where the key travels when no scheme is given. Default `header`. */
  readonly in?: 'header' | 'query';
  /** Header or query parameter name when no scheme is given. Default `x-api-key`. */
  readonly name?: string;
  readonly keys: readonly ApiKeyEntry[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * API key authentication (OWASP API2, CWE-798/CWE-522). Keys are stored as SHA-256 hashes; a presented key is
 * hashed and compared with every stored hash in constant time (`timingSafeEqual`, no early exit), so neither the
 * configuration nor response timing reveals a key. The key's name must be one `redactHeaders`/`redactUrl` treat
 * as secret, so it never reaches an event.
 */
export const apiKeyPolicy = definePolicy<ApiKeyPolicyConfig>({
  id: 'api-key',
  stage: 'authenticate',
  failMode: 'closed',
  description: 'Authenticates callers by API key, stored as SHA-256 hashes and compared in constant time.',
  compile(config, context) {
    if (config === undefined) return undefined;
    if (typeof config !== 'object' || config === null) {
      context.problem('', 'must be an object with "keys"');
      return undefined;
    }
    let location: 'header' | 'query' = config.in ?? 'header';
    let name = config.name ?? 'x-api-key';
    let requirementOf: ((operation: Operation | undefined) => SchemeRequirement) | undefined;
    if (config.scheme !== undefined) {
      const model = context.options.routing.model;
      const scheme = model?.securitySchemes[config.scheme];
      if (!model)
        context.problem('scheme', 'needs routing.model: the scheme is looked up in the API description');
      else if (scheme?.type !== 'apiKey' || (scheme.in !== 'header' && scheme.in !== 'query'))
        context.problem(
          'scheme',
          `must name an apiKey security scheme in header or query of the description, got "${config.scheme}"`,
        );
      else {
        location = scheme.in as 'header' | 'query';
        name = scheme.paramName ?? name;
        requirementOf = createSchemeRequirement(model, new Set([config.scheme]));
      }
    }
    if (location !== 'header' && location !== 'query')
      context.problem('in', `must be "header" or "query", got ${JSON.stringify(location)}`);
    if (!isSecretName(name))
      context.problem(
        'name',
        `"${name}" is not recognised as a credential name, so it would not be redacted from events`,
      );
    if (!Array.isArray(config.keys) || config.keys.length === 0) {
      context.problem('keys', 'must list at least one { id, sha256 }');
      return undefined;
    }
    const keys: { entry: ApiKeyEntry; hash: Buffer }[] = [];
    config.keys.forEach((entry, i) => {
      if (typeof entry?.id !== 'string' || entry.id === '')
        context.problem(`keys[${i}].id`, 'must be a non-empty string naming the key owner');
      if (typeof entry?.sha256 !== 'string' || !SHA256_HEX.test(entry.sha256))
        context.problem(
          `keys[${i}].sha256`,
          'must be the lower-case hex SHA-256 of the key (64 characters); never configure the key itself',
        );
      else keys.push({ entry, hash: Buffer.from(entry.sha256, 'hex') });
    });
    const headerName = name.toLowerCase();
    // The description's apiKey schemes this key satisfies, for the authorize policy's requirement check.
    const satisfies = Object.values(context.model?.securitySchemes ?? {})
      .filter(
        (s) =>
          s.type === 'apiKey' &&
          (s.name === config.scheme ||
            (config.scheme === undefined && s.in === location && s.paramName?.toLowerCase() === headerName)),
      )
      .map((s) => s.name);

    return (ctx) => {
      const requirement = requirementOf ? requirementOf(ctx.operation) : 'required';
      if (requirement === 'none') return undefined;
      const presented = location === 'header' ? ctx.headers[headerName] : readQueryParam(ctx.query, name);
      if (typeof presented !== 'string' || presented === '') {
        // Another alternative of the operation's security may still be satisfied: the authorize policy decides.
        if (requirement === 'optional') return undefined;
        ctx.auth = 'missing';
        return {
          status: 401,
          detail: 'An API key is required.',
          reason: `no API key in ${location} "${name}"`,
        };
      }
      const digest = createHash('sha256').update(presented).digest();
      let found: ApiKeyEntry | undefined;
      for (const key of keys) if (timingSafeEqual(digest, key.hash) && !found) found = key.entry;
      if (!found) {
        ctx.auth = 'invalid';
        return {
          status: 401,
          detail: 'The API key is not valid.',
          reason: 'API key matches no configured key',
        };
      }
      ctx.auth = 'success';
      for (const scheme of satisfies) ctx.satisfiedSchemes.set(scheme, found.scopes ?? []);
      ctx.identity = {
        subject: found.id,
        method: 'api-key',
        credentialFingerprint: digest.toString('hex').slice(0, 16),
        ...(found.roles ? { roles: found.roles } : {}),
        ...(found.scopes ? { scopes: found.scopes } : {}),
        ...(found.tenant ? { tenant: found.tenant } : {}),
      };
      return undefined;
    };
  },
});

function readQueryParam(query: string, name: string): string | undefined {
  if (query === '') return undefined;
  for (const [key, value] of new URLSearchParams(query)) if (key === name) return value;
  return undefined;
}
