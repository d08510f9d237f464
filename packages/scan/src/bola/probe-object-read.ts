import type { Operation } from '@rampart/openapi';
import { findOwnerData } from '../find-owner-data.js';
import type { IdentitySession } from '../identities/identity-session.js';
import { measureSimilarity } from '../measure-similarity.js';
import { isSuccess } from '../transport/is-success.js';
import type { ScanResponse } from '../transport/scan-transport.js';
import type { BolaRun } from './create-bola-run.js';
import type { IdParameter } from './describe-id-parameter.js';
import { type AttackKind, planAttackPaths } from './plan-attack-paths.js';
import { recognizePublicObject } from './recognize-public-object.js';

/** The attacker's body must be this close to the owner's for owner data in it to count (a list of B's own that
 * happens to mention A's id is not A's object). */
const SIMILAR = 0.8;

/** How a finding describes each kind of attack. */
export function describeAttack(
  kind: AttackKind,
  parameters: readonly IdParameter[],
  values: Readonly<Record<string, string | number>>,
): string {
  const list = (ps: readonly IdParameter[]) => ps.map((p) => `${p.name} = ${values[p.name]}`).join(', ');
  const leaf = parameters.at(-1)!;
  const parents = parameters.slice(0, -1);
  if (kind === 'parent-swap')
    return `its own ${list(parents)} with the other user's ${list([leaf])}: the parent is checked, not that the object belongs to it`;
  if (kind === 'child-swap')
    return `the other user's ${list(parents)} with its own ${list([leaf])}: the object is checked, not the parent whose data comes back`;
  return `${parameters.length === 1 && leaf.in === 'query' ? 'query' : 'path'} ${list(parameters)}`;
}

/**
 * Reads the owner's objects as every peer (direct, parent-swapped and child-swapped paths) and anonymously. Public
 * objects are skipped (`recognizePublicObject`). Proof is the owner's scan marker in the attacker's response, or
 * data only the owner has seen in a response alike the owner's own; a 2xx alone is not proof.
 */
export async function probeObjectRead(
  run: BolaRun,
  operation: Operation,
  parameters: readonly IdParameter[],
  owner: IdentitySession,
  peers: readonly IdentitySession[],
): Promise<void> {
  const { ctx } = run;
  const names = parameters.map((p) => p.name);
  const others = [...peers, ctx.anonymous];
  const markers = ctx.ledger.ownedBy(owner.name).flatMap((o) => (o.marker ? [o.marker] : []));
  for (const own of await run.workingPaths(operation, parameters, owner, others)) {
    if (run.reported.has(operation.key)) return;
    const ownerResponse = own.response;
    const request = run.request(operation, parameters, own.values);
    if (!isSuccess(ownerResponse) || request === undefined) continue;
    // Peers whose own list (fetched now, so objects created during the scan count) shows the object.
    const leafValue = String(own.values[parameters.at(-1)!.name]);
    const heldBy: string[] = [];
    for (const peer of peers)
      if ((await run.listedBy(operation, parameters, peer)).has(leafValue)) heldBy.push(peer.name);
    const anonymousResponse = heldBy.length > 0 ? undefined : await ctx.anonymous.send(request);
    const reason = recognizePublicObject({
      ownerBody: ownerResponse.body,
      ...(anonymousResponse ? { anonymous: anonymousResponse } : {}),
      heldBy,
    });
    if (reason !== undefined) {
      run.skipped.set(reason, (run.skipped.get(reason) ?? 0) + 1);
      continue;
    }
    for (const attacker of others) {
      if (run.reported.has(operation.key)) return;
      const attackerOwn = attacker.anonymous
        ? undefined
        : (await run.workingPaths(operation, parameters, attacker, [owner]))[0];
      const plans = planAttackPaths({
        parameters: names,
        owner: own.values,
        attacker: attackerOwn?.values,
        childSwap: true,
      });
      for (const plan of plans) {
        const attackRequest = run.request(operation, parameters, plan.values);
        if (attackRequest === undefined) continue;
        const judge = (response: ScanResponse | undefined) => {
          if (!isSuccess(response)) return undefined;
          const marker = markers.find((m) => response.body.includes(m));
          if (marker !== undefined) return { oracle: 'marker-in-response', snippet: marker };
          const data = findOwnerData(
            response.body,
            ctx.values,
            owner.name,
            attacker.name,
            Object.values(plan.values),
          ).filter(
            // A child swap returns the attacker's own object: only data absent from its own response counts.
            (value) => plan.kind !== 'child-swap' || !(attackerOwn?.response?.body ?? '').includes(value),
          );
          const alike =
            plan.kind === 'child-swap' || measureSimilarity(response.body, ownerResponse.body) >= SIMILAR;
          if (data.length > 0 && alike && (plan.kind !== 'child-swap' || attackerOwn?.response !== undefined))
            return { oracle: 'owner-data-in-response', snippet: data.join(', ') };
          return undefined;
        };
        const response =
          attacker.anonymous && plan.kind === 'direct' && anonymousResponse !== undefined
            ? anonymousResponse
            : await attacker.send(attackRequest);
        const verdict = judge(response);
        if (verdict === undefined) continue;
        const how = describeAttack(plan.kind, parameters, plan.values);
        const reported = await ctx.report({
          operation,
          message: `${attacker.name} read ${owner.name}'s object through ${operation.method.toUpperCase()} ${operation.path} (${how}); the response carries ${owner.name}'s data`,
          summary: `${attacker.name} got ${response!.status} with ${owner.name}'s data (${verdict.snippet}) for an object only ${owner.name} should see`,
          oracle: verdict.oracle,
          confidence: 'certain',
          snippet: verdict.snippet,
          severity: attacker.anonymous ? 'critical' : 'high',
          responses: [ownerResponse, response!],
          tags: ['bola', attacker.anonymous ? 'anonymous' : 'cross-user', plan.kind],
          confirm: async () => judge(await attacker.send(attackRequest)) !== undefined,
        });
        if (reported) run.reported.add(operation.key);
        if (reported) return;
      }
    }
  }
}
