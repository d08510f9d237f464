import { describe, expect, it } from 'vitest';
import { createOwnershipLedger } from '../ownership-ledger.js';
import type { IdParameter } from './describe-id-parameter.js';
import { fitsParameterSchema, listParameterValues } from './list-parameter-values.js';

const UUID = '6f1c2a9e-3b7d-4e5f-8a9b-0c1d2e3f4a5b';

describe('listParameterValues', () => {
  const ledger = createOwnershipLedger();
  ledger.record({ identity: 'alice', resource: 'order', id: 3, created: false, source: 'GET /orders' });
  ledger.record({
    identity: 'alice',
    resource: 'order',
    id: 9,
    created: true,
    marker: 'm',
    source: 'POST /orders',
  });
  ledger.record({ identity: 'bob', resource: 'order', id: 4, created: false, source: 'GET /orders' });
  const values = [
    { key: 'orderid', value: 5, identity: 'alice', source: 'GET /x' },
    { key: 'orderid', value: 'not-a-number', identity: 'alice', source: 'GET /x' },
    { key: 'slug', value: 'my-first-post', identity: 'alice', resource: 'post', source: 'GET /posts' },
    { key: 'slug', value: 'some-tag', identity: 'alice', resource: 'tag', source: 'GET /tags' },
  ];
  const order: IdParameter = {
    name: 'orderId',
    in: 'path',
    resources: ['order'],
    field: 'id',
    keys: ['orderid'],
    schema: { type: 'integer' },
  };
  const slug: IdParameter = {
    name: 'slug',
    in: 'path',
    resources: ['post'],
    field: 'slug',
    keys: ['postslug'],
    schema: {},
  };

  it('orders created objects, listed objects, then pooled values, keeping only values that fit the schema', () => {
    expect(listParameterValues(order, 'alice', { values, ledger })).toEqual([9, 3, 5]);
    expect(listParameterValues(order, 'bob', { values, ledger })).toEqual([4]);
  });

  it("takes the parameter's field of its own resource only (a post's slug, not a tag's)", () => {
    expect(listParameterValues(slug, 'alice', { values, ledger })).toEqual(['my-first-post']);
  });

  it('checks values against the parameter schema', () => {
    expect(fitsParameterSchema(UUID, { type: 'string', format: 'uuid' })).toBe(true);
    expect(fitsParameterSchema(42, { type: 'string', format: 'uuid' })).toBe(false);
    expect(fitsParameterSchema('12', { type: 'integer' })).toBe(true);
    expect(fitsParameterSchema('ab', { type: 'string', pattern: '^[0-9]+$' })).toBe(false);
    expect(fitsParameterSchema('b', { enum: ['a'] })).toBe(false);
  });
});
