import { loadApiFromString } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import { createRouteResolver } from './create-route-resolver.js';
import { BANK_API_DESCRIPTION } from './eval/bank-api-description.js';
import { makeEvent } from './make-event.fixture.js';

const model = await loadApiFromString(BANK_API_DESCRIPTION, 'bank.json');

describe('createRouteResolver', () => {
  it('matches the description and decodes path parameters', () => {
    const route = createRouteResolver(model).resolve(makeEvent({ path: '/accounts/ACC%2D7/transactions' }));
    expect(route).toMatchObject({
      template: '/accounts/{accountId}/transactions',
      endpoint: 'GET /accounts/{accountId}/transactions',
      params: { accountId: 'ACC-7' },
      documentation: 'documented',
      source: 'description',
    });
    expect(route.operation?.operationId).toBe('listTransactions');
  });

  it('tells undocumented paths from undocumented methods', () => {
    const resolver = createRouteResolver(model);
    expect(resolver.resolve(makeEvent({ path: '/internal/export/17' }))).toMatchObject({
      template: '/internal/export/{id}',
      documentation: 'undocumented',
      source: 'inferred',
    });
    expect(resolver.resolve(makeEvent({ method: 'DELETE', path: '/accounts' })).documentation).toBe(
      'other-method',
    );
  });

  it('uses the event route without a description, aligning it under a base path', () => {
    const resolver = createRouteResolver();
    const route = resolver.resolve(
      makeEvent({ path: '/api/v1/files/report.tar.gz', route: '/files/{name}.{ext}' }),
    );
    expect(route).toMatchObject({
      params: { name: 'report.tar', ext: 'gz' },
      documentation: 'unknown',
      source: 'event',
    });
    // A route whose literal segments do not fit the path yields no parameters rather than wrong ones.
    expect(resolver.resolve(makeEvent({ path: '/b/1', route: '/a/{id}' })).params).toEqual({});
  });

  it('memoizes the last event', () => {
    const resolver = createRouteResolver(model);
    const event = makeEvent({ path: '/products/12' });
    expect(resolver.resolve(event)).toBe(resolver.resolve(event));
  });
});
