import type { CheckContext } from '../check-context.js';
import type { IdentitySession } from '../identities/identity-session.js';

/** The identity injection probes are sent as: the first user, else an admin, else anonymous. */
export function selectInjectionSession(ctx: CheckContext): IdentitySession {
  return ctx.users[0] ?? ctx.admins[0] ?? ctx.anonymous;
}
