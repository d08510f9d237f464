import { createBolaRun } from '../bola/create-bola-run.js';
import { probeObjectDelete } from '../bola/probe-object-delete.js';
import { probeObjectRead } from '../bola/probe-object-read.js';
import { probeObjectWrite } from '../bola/probe-object-write.js';
import { defineCheck } from '../define-check.js';
import { looksAdminOnly } from '../looks-admin-only.js';

export const api1Bola = defineCheck({
  id: 'api1-bola',
  title: 'Broken object level authorization',
  severity: 'high',
  owasp: 'API1',
  cwe: 639,
  maxRequests: 600,
  description:
    "Differential BOLA: each user's own objects (ids, UUIDs, usernames, e-mails or slugs harvested from its " +
    'listings, created objects, Location headers and JWT claims such as sub, user_id, username and email) are ' +
    'read, changed (a harmless change, re-read as the owner, then restored) and, when destructive tests are ' +
    'allowed, deleted (only throwaway objects the scan created) by the other users and by anonymous. Nested paths ' +
    "are also tried with the attacker's own parent and the owner's child (/accounts/{mine}/transactions/{theirs}), " +
    "and with the owner's parent and the attacker's child. Proof is the owner's marker or data in the attacker's " +
    'response, or the change seen by the owner; a 2xx alone is not. Public objects (readable anonymously, or held ' +
    'by other identities in their own lists, like a catalogue) are not reported.',
  remediation:
    'Authorize every object access against the caller: look objects up by (id, owner or tenant of the caller), ' +
    'not by id alone, and answer 404 for objects the caller may not see. For nested paths, look the child up ' +
    'within the parent (WHERE id = :child AND parent_id = :parent) after checking the caller may use the parent. ' +
    'Never take the subject from a client parameter (userId) when it must be the authenticated caller.',
  async run(ctx) {
    if (ctx.users.length === 0) return;
    const run = await createBolaRun(ctx);
    const operations = ctx.model.operations.filter((op) => !op.isWebhook && !looksAdminOnly(op));
    for (const operation of operations) {
      const method = operation.method;
      for (const parameters of run.idParameters(operation)) {
        for (const owner of ctx.users) {
          const peers = ctx.users.filter((u) => u !== owner && u.role === owner.role);
          if (method === 'get') await probeObjectRead(run, operation, parameters, owner, peers);
          else if ((method === 'patch' || method === 'put') && !ctx.options.readOnly)
            await probeObjectWrite(run, operation, parameters, owner, peers);
          else if (method === 'delete' && ctx.options.destructive && !ctx.options.readOnly)
            await probeObjectDelete(run, operation, parameters, owner, peers);
        }
      }
    }
  },
});
