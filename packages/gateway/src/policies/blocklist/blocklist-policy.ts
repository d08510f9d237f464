import type { Actor } from '@rampart/core';
import { createConfigReader } from '../../create-config-reader.js';
import { definePolicy } from '../../define-policy.js';

/** `policies.blocklist` (the list itself is the `blocklist` gateway option: the port the monitor feeds). */
export interface BlocklistPolicyConfig {
  /** Which actors of a request are looked up. Default all: `ip`, `principal`, `credential`, `api-key`. */
  readonly actors?: readonly Exclude<Actor['kind'], 'user-agent'>[];
  /** When the blocklist cannot be read (Redis down): `open` (default) lets requests through, `closed` answers 503. */
  readonly failMode?: 'closed' | 'open';
}

const KINDS = ['ip', 'principal', 'credential', 'api-key'] as const;

/**
 * Refuses (403) requests from actors on the `Blocklist` port, which the monitor's automatic responses feed. Actors
 * are looked up as `<kind>:<value>` with the kinds of core's `Actor`: `ip:<client address>`,
 * `principal:<subject>`, `credential:<credential fingerprint>`, `api-key:<key owner>`. Runs after authentication,
 * so tokens and keys of blocked principals are refused too.
 */
export const blocklistPolicy = definePolicy<BlocklistPolicyConfig>({
  id: 'blocklist',
  stage: 'blocklist',
  failMode: 'closed',
  description: 'Refuses actors (address, principal, credential, API key) the monitor put on the blocklist.',
  compile(config, context) {
    const blocklist = context.options.blocklist;
    if (config === undefined && !blocklist) return undefined;
    const r = createConfigReader(config, '', context.problem);
    r.known(['actors', 'failMode']);
    const actors = r.strings('actors') ?? [...KINDS];
    for (const actor of actors)
      if (!(KINDS as readonly string[]).includes(actor))
        r.problem('actors', `"${actor}" is not one of ${KINDS.join(', ')}`);
    const failOpen = r.oneOf('failMode', ['closed', 'open'], 'open') === 'open';
    if (!blocklist) {
      r.problem('', 'needs the "blocklist" gateway option (a Blocklist, e.g. from the monitor)');
      return undefined;
    }
    const want = new Set(actors);
    return async (ctx) => {
      const keys: string[] = [];
      if (want.has('ip')) keys.push(`ip:${ctx.clientIp}`);
      const identity = ctx.identity;
      if (identity) {
        if (want.has('principal')) keys.push(`principal:${identity.subject}`);
        if (want.has('credential') && identity.credentialFingerprint)
          keys.push(`credential:${identity.credentialFingerprint}`);
        if (want.has('api-key') && identity.method === 'api-key') keys.push(`api-key:${identity.subject}`);
      }
      let hits: boolean[];
      try {
        hits = await Promise.all(keys.map((key) => blocklist.has(key)));
      } catch (error) {
        if (failOpen) {
          context.options.logger.warn(
            `gateway: blocklist unavailable; letting request ${ctx.id} through: ${(error as Error)?.message}`,
          );
          return undefined;
        }
        throw error;
      }
      const index = hits.indexOf(true);
      if (index < 0) return undefined;
      return {
        status: 403,
        detail: 'Your requests are blocked.',
        reason: `blocklisted actor ${keys[index]}`,
      };
    };
  },
});
