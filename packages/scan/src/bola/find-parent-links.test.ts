import { describe, expect, it } from 'vitest';
import type { IdParameter } from './describe-id-parameter.js';
import { findParentLinks } from './find-parent-links.js';

const param = (name: string, resource: string): IdParameter => ({
  name,
  in: 'path',
  resources: [resource],
  field: 'id',
  keys: [`${resource}id`],
  schema: {},
});

describe('findParentLinks', () => {
  it('pairs children with the parent they reference or were listed under', () => {
    const links = findParentLinks({
      parent: param('accountId', 'account'),
      child: param('transactionId', 'transaction'),
      bodies: [
        {
          items: [
            { id: 70, accountId: 1 },
            { id: 71, account_id: 2 },
            { id: 1, ownerId: 3 },
          ],
        },
      ],
      listings: [{ parent: 5, body: [{ id: 80 }, { transactionId: 81 }] }],
    });
    expect(links).toHaveLength(4);
    expect(links).toEqual(
      expect.arrayContaining([
        { parent: 2, child: 71 },
        { parent: 1, child: 70 },
        { parent: 5, child: 80 },
        { parent: 5, child: 81 },
      ]),
    );
  });
});
