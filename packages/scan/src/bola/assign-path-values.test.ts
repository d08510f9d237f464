import { describe, expect, it } from 'vitest';
import { assignPathValues } from './assign-path-values.js';

describe('assignPathValues', () => {
  it('puts parent-child pairs the responses show first, in the order of the child candidates', () => {
    const links = [
      { parent: 12, child: 'b' },
      { parent: 11, child: 'a' },
    ];
    expect(
      assignPathValues(
        ['accountId', 'txId'],
        [
          [11, 12],
          ['a', 'b', 'c'],
        ],
        links,
        4,
      ),
    ).toEqual([
      { accountId: 11, txId: 'a' },
      { accountId: 12, txId: 'b' },
      { accountId: 11, txId: 'b' },
      { accountId: 12, txId: 'a' },
    ]);
  });

  it('ignores links to values the identity does not hold, and combines the best values without links', () => {
    expect(assignPathValues(['p', 'c'], [[1], [7, 8, 9]], [{ parent: 2, child: 7 }], 10)).toEqual([
      { p: 1, c: 7 },
      { p: 1, c: 8 },
    ]);
  });

  it('handles one parameter and three levels, bounded by the limit', () => {
    expect(assignPathValues(['id'], [[5, 6, 7]], [], 10)).toEqual([{ id: 5 }, { id: 6 }]);
    const three = assignPathValues(
      ['org', 'repo', 'issue'],
      [['o1', 'o2'], ['r1'], [1, 2]],
      [{ parent: 'r1', child: 2 }],
      3,
    );
    expect(three).toEqual([
      { org: 'o1', repo: 'r1', issue: 2 },
      { org: 'o2', repo: 'r1', issue: 2 },
      { org: 'o1', repo: 'r1', issue: 1 },
    ]);
  });

  it('gives nothing when a parameter has no value', () => {
    expect(assignPathValues(['a', 'b'], [[1], []], [], 4)).toEqual([]);
  });
});
