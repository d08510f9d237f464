import { describe, expect, it } from 'vitest';
import { choosePooledValues } from '../src/explore/choose-pooled-values.js';
import { createValuePool } from '../src/explore/value-pool.js';

function pool() {
  const values = createValuePool();
  const add = (key: string, value: string | number, identity: string, resource?: string) =>
    values.add({ key, value, identity, source: 'test', ...(resource ? { resource } : {}) });
  add('id', 1002, 'alice', 'account');
  add('id', 1003, 'alice', 'account');
  add('id', 1004, 'bob', 'account');
  add('number', 'NL02BANK0000001002', 'alice', 'account');
  add('number', 'NL02BANK0000001004', 'bob', 'account');
  add('toaccountid', 1004, 'alice', 'transfer');
  add('referralcode', 'REF-ALICE-42', 'alice', 'user');
  add('couponcode', 'WELCOME50', 'seed');
  add('amount', -38.35, 'alice', 'transaction');
  return values;
}

describe('choosePooledValues', () => {
  it.each([
    ['fromAccountId', [], undefined, 1002],
    // An id names an object the caller owns: listing ids beat a past transfer's toAccountId.
    ['toAccountId', [], undefined, 1002],
    // A number that names someone else's account: others' values first.
    ['toAccountNumber', [], undefined, 'NL02BANK0000001004'],
    ['accountNumber', [], undefined, 'NL02BANK0000001002'],
    ['code', ['referrals', 'redeem'], undefined, 'REF-ALICE-42'],
    ['code', ['coupons', 'redeem'], undefined, 'WELCOME50'],
    ['amount', [], { type: 'number', exclusiveMinimum: 0 }, undefined],
  ] as const)('%s on %j → %j', (name, words, schema, expected) => {
    const values = choosePooledValues(pool(), name, {
      identity: 'alice',
      pathWords: words,
      ...(schema ? { schema } : {}),
    });
    expect(values[0]).toBe(expected);
  });
});
