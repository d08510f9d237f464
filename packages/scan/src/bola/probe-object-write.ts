import type { Operation } from '@rampart/openapi';
import { findJsonBodySchema } from '../explore/build-operation-request.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { isSuccess } from '../transport/is-success.js';
import { chooseHarmlessChange } from './choose-harmless-change.js';
import type { BolaRun } from './create-bola-run.js';
import type { IdParameter } from './describe-id-parameter.js';
import { findReread } from './find-reread.js';
import { pickObject } from './pick-object.js';
import { planAttackPaths } from './plan-attack-paths.js';
import { describeAttack } from './probe-object-read.js';

/**
 * Changes the owner's objects (PUT/PATCH) as every peer (direct and parent-swapped paths) and anonymously, with one
 * harmless change (`chooseHarmlessChange`). Proof is the owner re-reading the object and seeing the change; the
 * owner then restores the old value. Objects the scan created as the owner come first; objects other identities
 * hold too are left alone unless the scan created them (a public object is still its creator's to change).
 */
export async function probeObjectWrite(
  run: BolaRun,
  operation: Operation,
  parameters: readonly IdParameter[],
  owner: IdentitySession,
  peers: readonly IdentitySession[],
): Promise<void> {
  const { ctx } = run;
  const reread = findReread(ctx.model, operation);
  if (reread === undefined || parameters.some((p) => p.in !== 'path')) return;
  const names = parameters.map((p) => p.name);
  const leaf = parameters.at(-1)!;
  const created = new Set(
    leaf.resources
      .flatMap((r) => ctx.ledger.ownedBy(owner.name, r))
      .filter((o) => o.created)
      .map((o) => String(o.id)),
  );
  const others = [...peers, ctx.anonymous];
  const owned = await run.workingPaths(operation, parameters, owner, others);
  // Objects the scan created as the owner are its to change even when others can see them (a public post).
  const createdPaths =
    created.size === 0
      ? []
      : (await run.workingPaths(operation, parameters, owner)).filter((p) =>
          created.has(String(p.values[leaf.name])),
        );
  const targets = [...createdPaths, ...owned.filter((p) => !createdPaths.includes(p))].slice(0, 2);
  for (const own of targets) {
    if (run.reported.has(operation.key)) return;
    const id = own.values[leaf.name]!;
    const rereadRequest = run.request(
      reread.operation,
      reread.whole ? parameters : parameters.slice(0, -1),
      own.values,
    );
    if (rereadRequest === undefined) continue;
    const read = async () => {
      const response = await owner.send(rereadRequest);
      if (!isSuccess(response)) return undefined;
      const object = pickObject(response.body, id, reread.whole);
      return object === undefined ? undefined : { response, object };
    };
    const before = await read();
    if (before === undefined) continue;
    const change = chooseHarmlessChange(
      findJsonBodySchema(operation),
      before.object,
      ctx.marker(owner.name).slice(0, 40),
    );
    if (change === undefined) continue;
    const bodyFor = (fieldValue: unknown) =>
      operation.method === 'put'
        ? { ...before.object, [change.field]: fieldValue }
        : { [change.field]: fieldValue };
    const restoreRequest = run.request(operation, parameters, own.values, {
      body: bodyFor(before.object[change.field]),
    });
    if (restoreRequest === undefined) continue;
    for (const attacker of others) {
      const attackerOwn = attacker.anonymous
        ? undefined
        : (await run.workingPaths(operation, parameters, attacker, [owner]))[0];
      for (const plan of planAttackPaths({
        parameters: names,
        owner: own.values,
        attacker: attackerOwn?.values,
        childSwap: false,
      })) {
        const attackRequest = run.request(operation, parameters, plan.values, {
          body: bodyFor(change.value),
        });
        if (attackRequest === undefined) continue;
        const attempt = async () => {
          const response = await attacker.send(attackRequest);
          if (!isSuccess(response)) return undefined;
          const after = await read();
          const changed =
            after !== undefined &&
            JSON.stringify(after.object[change.field]) === JSON.stringify(change.value);
          if (changed) await owner.send(restoreRequest);
          return changed ? { response, after: after.response } : undefined;
        };
        const proof = await attempt();
        if (proof === undefined) continue;
        const how = describeAttack(plan.kind, parameters, plan.values);
        const reported = await ctx.report({
          operation,
          message: `${attacker.name} changed ${owner.name}'s object through ${operation.method.toUpperCase()} ${operation.path} (${how}): ${change.field} became ${JSON.stringify(change.value)}, as ${owner.name} saw on re-reading it`,
          summary: `${attacker.name}'s ${operation.method.toUpperCase()} answered ${proof.response.status} and ${owner.name}'s re-read showed ${change.field} = ${JSON.stringify(change.value)} (restored afterwards)`,
          oracle: 're-read-as-owner',
          confidence: 'certain',
          snippet: `${change.field}: ${JSON.stringify(before.object[change.field])} → ${JSON.stringify(change.value)}`,
          severity: attacker.anonymous ? 'critical' : 'high',
          responses: [before.response, proof.response, proof.after],
          tags: ['bola', 'write', plan.kind],
          confirm: async () => (await attempt()) !== undefined,
        });
        if (reported) {
          run.reported.add(operation.key);
          return;
        }
      }
    }
  }
}
