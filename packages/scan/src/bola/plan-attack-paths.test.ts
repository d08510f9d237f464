import { describe, expect, it } from 'vitest';
import { planAttackPaths } from './plan-attack-paths.js';

const owner = { accountId: 1, txId: 10 };

describe('planAttackPaths', () => {
  it('plans the direct path, the parent swap and (for reads) the child swap on nested paths', () => {
    expect(
      planAttackPaths({
        parameters: ['accountId', 'txId'],
        owner,
        attacker: { accountId: 2, txId: 20 },
        childSwap: true,
      }),
    ).toEqual([
      { kind: 'direct', values: { accountId: 1, txId: 10 } },
      { kind: 'parent-swap', values: { accountId: 2, txId: 10 } },
      { kind: 'child-swap', values: { accountId: 1, txId: 20 } },
    ]);
  });

  it('plans only the direct path for one parameter, for anonymous, or when the attacker shares the parent', () => {
    expect(
      planAttackPaths({ parameters: ['id'], owner: { id: 1 }, attacker: { id: 2 }, childSwap: true }),
    ).toHaveLength(1);
    expect(planAttackPaths({ parameters: ['accountId', 'txId'], owner, childSwap: true })).toHaveLength(1);
    expect(
      planAttackPaths({
        parameters: ['accountId', 'txId'],
        owner,
        attacker: { accountId: 1, txId: 20 },
        childSwap: false,
      }),
    ).toEqual([{ kind: 'direct', values: owner }]);
  });
});
