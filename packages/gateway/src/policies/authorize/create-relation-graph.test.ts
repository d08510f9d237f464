import { describe, expect, it } from 'vitest';
import { createRelationGraph, type RelationGraph } from './create-relation-graph.js';

const TUPLES = [
  'account:123 owner user:alice',
  'account:123 parent org:acme',
  'org:acme member user:bob',
  'org:acme member team:eng#member # everyone in team eng',
  'team:eng member user:carol',
  'org:loop parent org:loop2',
  'org:loop2 parent org:loop',
];
const RULES = {
  account: { viewer: ['owner', 'parent->member'] },
  org: { member: ['parent->member'] },
};

function graph(maxDepth = 8): RelationGraph {
  const parsed = createRelationGraph(TUPLES, RULES, maxDepth);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.graph;
}

describe('createRelationGraph', () => {
  it.each([
    ['account:123', 'owner', 'user:alice', true],
    ['account:123', 'owner', 'user:bob', false],
    ['account:123', 'viewer', 'user:alice', true], // rewrite: owner
    ['account:123', 'viewer', 'user:bob', true], // rewrite: parent->member
    ['account:123', 'viewer', 'user:carol', true], // subject set team:eng#member
    ['account:123', 'viewer', 'user:mallory', false],
    ['account:124', 'viewer', 'user:alice', false],
    ['org:loop', 'member', 'user:alice', false], // a cycle terminates
  ] as const)('%s %s %s → %s', (object, relation, subject, expected) => {
    expect(graph().check(object, relation, subject)).toBe(expected);
  });

  it('stops at maxDepth', () => {
    expect(graph(1).check('account:123', 'viewer', 'user:carol')).toBe(false);
    expect(graph(3).check('account:123', 'viewer', 'user:carol')).toBe(true);
  });

  it('reports lines that are not tuples', () => {
    const parsed = createRelationGraph(
      ['account:1 owner', 'account:1 owner user:a extra', 'nocolon owner user:a'],
      {},
      8,
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toHaveLength(3);
  });
});
