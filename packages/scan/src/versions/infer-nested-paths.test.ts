import type { Operation } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import { createValuePool } from '../explore/value-pool.js';
import { inferNestedPaths } from './infer-nested-paths.js';

const op = (path: string, method = 'get'): Operation =>
  ({
    key: `${method.toUpperCase()} ${path}`,
    method,
    path,
    isWebhook: false,
    parameters: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true })),
  }) as unknown as Operation;

describe('inferNestedPaths', () => {
  it('nests a collection under the parent whose ids its items reference, whatever the field is called', () => {
    const values = createValuePool();
    // Members of /teams/{teamId}; documents carry `squad_ref_id` pointing at a team.
    values.add({ key: 'id', value: 'T-77', identity: 'bob', resource: 'team', source: 'GET /teams/T-77' });
    values.add({ key: 'id', value: 'T-42', identity: 'ana', resource: 'team', source: 'GET /teams/T-42' });
    values.add({ key: 'squadrefid', value: 'T-77', identity: 'bob', resource: 'document', source: 'x' });
    values.add({ key: 'squadrefid', value: 'T-42', identity: 'ana', resource: 'document', source: 'x' });
    values.add({ key: 'id', value: 'D-1', identity: 'ana', resource: 'document', source: 'x' });
    const operations = [
      op('/teams/{teamId}'),
      op('/documents'),
      op('/documents/{documentId}'),
      op('/health'),
    ];
    const guesses = inferNestedPaths(operations, values, ['ana', 'bob']);
    expect(guesses.map((g) => [g.template, g.path, g.identity, g.collection.path])).toEqual([
      ['/teams/{teamId}/documents', { teamId: 'T-42' }, 'ana', '/documents'],
    ]);
  });

  it('guesses nothing when no field of the collection holds a parent id, or the nesting is documented', () => {
    const values = createValuePool();
    values.add({ key: 'id', value: 5, identity: 'ana', resource: 'team', source: 'x' });
    // The same number in a field that is no reference, and the collection's own id.
    values.add({ key: 'pagecount', value: 5, identity: 'ana', resource: 'document', source: 'x' });
    values.add({ key: 'documentid', value: 5, identity: 'ana', resource: 'document', source: 'x' });
    expect(inferNestedPaths([op('/teams/{teamId}'), op('/documents')], values, ['ana'])).toEqual([]);
    values.add({ key: 'teamid', value: 5, identity: 'ana', resource: 'document', source: 'x' });
    expect(inferNestedPaths([op('/teams/{teamId}'), op('/documents')], values, ['ana'])).toHaveLength(1);
    expect(
      inferNestedPaths([op('/teams/{teamId}'), op('/documents'), op('/teams/{teamId}/documents')], values, [
        'ana',
      ]),
    ).toEqual([]);
  });
});
