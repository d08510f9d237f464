import type { Operation } from '@rampart/openapi';
import type { IdentitySession } from '../identities/identity-session.js';
import { isSuccess } from '../transport/is-success.js';
import type { BolaRun } from './create-bola-run.js';
import { createThrowawayObject } from './create-throwaway-object.js';
import type { IdParameter } from './describe-id-parameter.js';
import { findReread } from './find-reread.js';
import { pickObject } from './pick-object.js';
import { planAttackPaths } from './plan-attack-paths.js';
import { describeAttack } from './probe-object-read.js';

/**
 * Deletes a throwaway object of the owner (one the scan created as the owner, never a real one) as every peer
 * (direct and parent-swapped paths) and anonymously. Proof is the owner no longer finding it on re-reading. Only
 * sent when the scan allows destructive requests; the caller checks that.
 */
export async function probeObjectDelete(
  run: BolaRun,
  operation: Operation,
  parameters: readonly IdParameter[],
  owner: IdentitySession,
  peers: readonly IdentitySession[],
): Promise<void> {
  const { ctx } = run;
  const reread = findReread(ctx.model, operation);
  if (reread === undefined) return;
  const names = parameters.map((p) => p.name);
  const gone = new Set<string>();
  for (const attacker of [...peers, ctx.anonymous]) {
    if (run.reported.has(operation.key)) return;
    const target = await createThrowawayObject(run, operation, parameters, owner, gone);
    if (target === undefined) return;
    const id = target.values[names.at(-1)!]!;
    const rereadRequest = run.request(
      reread.operation,
      reread.whole ? parameters : parameters.slice(0, -1),
      target.values,
    );
    if (rereadRequest === undefined) return;
    const exists = async () => {
      const response = await owner.send(rereadRequest);
      return {
        response,
        present: isSuccess(response) && pickObject(response.body, id, reread.whole) !== undefined,
      };
    };
    if (!(await exists()).present) return;
    const attackerOwn = attacker.anonymous
      ? undefined
      : (await run.workingPaths(operation, parameters, attacker, [owner]))[0];
    for (const plan of planAttackPaths({
      parameters: names,
      owner: target.values,
      attacker: attackerOwn?.values,
      childSwap: false,
    })) {
      const request = run.request(operation, parameters, plan.values);
      if (request === undefined) continue;
      const response = await attacker.send(request);
      if (!isSuccess(response)) continue;
      const after = await exists();
      if (after.present) continue;
      gone.add(String(id));
      const reported = await ctx.report({
        operation,
        message: `${attacker.name} deleted ${owner.name}'s ${parameters.at(-1)!.resources[0] ?? 'object'} ${id} (a throwaway the scan created) through DELETE ${operation.path} (${describeAttack(plan.kind, parameters, plan.values)})`,
        summary: `${attacker.name}'s DELETE answered ${response.status} and ${owner.name} no longer finds the object`,
        oracle: 're-read-as-owner',
        confidence: 'certain',
        severity: attacker.anonymous ? 'critical' : 'high',
        responses: [response, after.response],
        tags: ['bola', 'delete', plan.kind],
        confirm: async () => !(await exists()).present,
      });
      if (reported) run.reported.add(operation.key);
      return;
    }
  }
}
