import type { ApiEvent } from '@rampart/core';
import { loadApiFromString } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { createInventory } from './create-inventory.js';
import type { EndpointSnapshot, InventorySnapshot } from './inventory-snapshot.js';
import { toOpenApi } from './to-open-api.js';

const json = (value: unknown, truncated = false) => ({
  contentType: 'application/json',
  text: JSON.stringify(value),
  truncated,
  size: JSON.stringify(value).length,
});

function call(method: string, rawPath: string, overrides: Partial<ApiEvent> = {}): ApiEvent {
  const q = rawPath.indexOf('?');
  return makeEvent({ method, rawPath, path: q < 0 ? rawPath : rawPath.slice(0, q), ...overrides });
}

function endpoints(snapshot: InventorySnapshot): string[] {
  return snapshot.endpoints.map((e) => e.endpoint).sort();
}

function find(snapshot: InventorySnapshot, endpoint: string): EndpointSnapshot {
  const found = snapshot.endpoints.find((e) => e.endpoint === endpoint);
  if (found === undefined) throw new Error(`no ${endpoint} in ${endpoints(snapshot).join(', ')}`);
  return found;
}

describe('createInventory: path templates', () => {
  it('turns id-like segments into parameters named after the previous segment', () => {
    const inventory = createInventory();
    for (const path of [
      '/users/123',
      '/users/456',
      '/users/me',
      '/users/456/orders/789',
      '/users/12/orders/2024-01-15',
      '/files/d41d8cd98f00b204e9800998ecf8427e',
      '/sessions/550e8400-e29b-41d4-a716-446655440000',
      '/people/alice@example.com',
      '/accounts/ACC000123/statements',
      '/v1/health',
    ]) {
      inventory.observe(call('GET', path));
    }
    expect(endpoints(inventory.snapshot())).toEqual([
      'GET /accounts/{accountId}/statements',
      'GET /files/{fileId}',
      'GET /people/{personEmail}',
      'GET /sessions/{sessionId}',
      'GET /users/me',
      'GET /users/{userId}',
      'GET /users/{userId}/orders/{orderId}',
      'GET /v1/health',
    ]);
    const user = find(inventory.snapshot(), 'GET /users/{userId}');
    expect(user.calls).toBe(2);
    expect(user.parameters).toEqual([
      expect.objectContaining({
        in: 'path',
        name: 'userId',
        type: 'integer',
        required: true,
        minimum: 123,
        maximum: 456,
      }),
    ]);
  });

  it('merges a position with many distinct literals into a parameter, keeping well-known literals', () => {
    const inventory = createInventory({ limits: { mergeThreshold: 5 } });
    const words = ['report', 'summary-q1', 'budget', 'roadmap', 'minutes', 'invoice', 'contract', 'plan'];
    for (const word of words) {
      inventory.observe(call('GET', `/files/${word}`));
      inventory.observe(call('GET', `/files/${word}/download`));
    }
    inventory.observe(call('GET', '/files/search'));
    inventory.observe(call('GET', '/files/another-one'));
    const snapshot = inventory.snapshot();
    expect(endpoints(snapshot)).toEqual([
      'GET /files/search',
      'GET /files/{fileName}',
      'GET /files/{fileName}/download',
    ]);
    const file = find(snapshot, 'GET /files/{fileName}');
    expect(file.calls).toBe(words.length + 1);
    expect(file.parameters[0]).toMatchObject({ in: 'path', name: 'fileName', type: 'string', count: 9 });
  });

  it('never merges top-level resources, nor resources under a version prefix', () => {
    const inventory = createInventory({ limits: { mergeThreshold: 3 } });
    const resources = ['users', 'accounts', 'payments', 'cards', 'loans', 'branches'];
    for (const resource of resources) {
      inventory.observe(call('GET', `/${resource}`));
      inventory.observe(call('GET', `/api/v2/${resource}`));
    }
    const snapshot = inventory.snapshot();
    expect(snapshot.endpoints).toHaveLength(12);
    expect(endpoints(snapshot)).toContain('GET /api/v2/loans');
    expect(endpoints(snapshot)).toContain('GET /branches');
  });

  it('keeps the event route when the event has one', () => {
    const inventory = createInventory();
    inventory.observe(call('GET', '/shops/acme/items/widget', { route: '/shops/{shop}/items/{item}' }));
    const endpoint = find(inventory.snapshot(), 'GET /shops/{shop}/items/{item}');
    expect(endpoint.source).toBe('event');
    expect(endpoint.parameters.map((p) => p.name)).toEqual(['shop', 'item']);
  });
});

describe('createInventory: per-endpoint facts', () => {
  it('infers parameter types, required-ness and enumerations from values', () => {
    const inventory = createInventory();
    for (let i = 0; i < 40; i++) {
      const status = ['open', 'closed', 'pending'][i % 3];
      const extra = i % 2 === 0 ? `&since=2024-01-0${(i % 9) + 1}T10:00:00Z` : '';
      inventory.observe(
        call(
          'GET',
          `/orders?page=${i}&status=${status}&paid=${i % 2 === 0}&ref=550e8400-e29b-41d4-a716-44665544${String(i).padStart(4, '0')}${extra}`,
        ),
      );
    }
    const params = Object.fromEntries(
      find(inventory.snapshot(), 'GET /orders').parameters.map((p) => [p.name, p]),
    );
    expect(params.page).toMatchObject({
      in: 'query',
      type: 'integer',
      required: true,
      minimum: 0,
      maximum: 39,
    });
    expect(params.status).toMatchObject({ type: 'enum', enum: ['closed', 'open', 'pending'] });
    expect(params.paid).toMatchObject({ type: 'boolean' });
    expect(params.ref).toMatchObject({ type: 'uuid' });
    expect(params.since).toMatchObject({ type: 'date-time', required: false, count: 20 });
  });

  it('does not make an enumeration of few samples, of ids, or of personal fields', () => {
    const inventory = createInventory();
    for (let i = 0; i < 40; i++) {
      inventory.observe(call('GET', `/search?q=term${i % 50}&name=Alice&lang=${i < 3 ? 'en' : 'en'}`));
    }
    const params = Object.fromEntries(
      find(inventory.snapshot(), 'GET /search').parameters.map((p) => [p.name, p]),
    );
    expect(params.q?.type).toBe('string');
    expect(params.name?.type).toBe('string');
    expect(params.name?.enum).toBeUndefined();
    expect(params.lang?.enum).toEqual(['en']);
  });

  it('flattens JSON body properties and marks the sensitive ones', () => {
    const inventory = createInventory();
    inventory.observe(
      call('POST', '/payments', {
        requestBody: json({
          amount: 12.5,
          payee: { iban: 'DE89370400440532013000', name: 'Bob' },
          tags: ['a'],
        }),
        responseBody: json({ id: 1, status: 'ok' }),
        status: 201,
      }),
    );
    inventory.observe(
      call('POST', '/payments', {
        requestBody: json({ amount: 3, payee: { iban: 'GB82WEST12345698765432', name: 'Eve' }, memo: null }),
        status: 201,
        responseBody: json({ id: 2, status: 'ok' }),
      }),
    );
    const endpoint = find(inventory.snapshot(), 'POST /payments');
    expect(endpoint.parameters.map((p) => [p.name, p.type, p.required])).toEqual([
      ['/amount', 'number', true],
      ['/memo', 'null', false],
      ['/payee', 'object', true],
      ['/payee/iban', 'string', true],
      ['/payee/name', 'string', true],
      ['/tags', 'array', false],
    ]);
    expect(endpoint.parameters.find((p) => p.name === '/payee/iban')?.dataClasses).toEqual(['iban']);
    expect(endpoint.dataClasses.request).toEqual({ iban: 2 });
    expect(endpoint.responses).toEqual([
      expect.objectContaining({
        status: 201,
        calls: 2,
        contentTypes: ['application/json'],
        schema: expect.objectContaining({ type: 'object', required: ['id', 'status'] }),
      }),
    ]);
  });

  it('records authentication, statuses, content types, clients and principals', () => {
    const inventory = createInventory();
    inventory.observe(
      call('GET', '/me', { requestHeaders: { authorization: 'Bearer [redacted]' }, clientIp: '192.0.2.1' }),
    );
    inventory.observe(
      call('GET', '/me', {
        identity: { subject: 'alice', method: 'jwt' },
        requestHeaders: { authorization: 'Bearer [redacted]' },
        auth: 'success',
        clientIp: '192.0.2.2',
      }),
    );
    inventory.observe(
      call('GET', '/me', { requestHeaders: { 'x-api-key': '[redacted]' }, clientIp: '192.0.2.2' }),
    );
    inventory.observe(
      call('GET', '/me?api_key=[redacted]', { status: 401, auth: 'invalid', clientIp: '192.0.2.3' }),
    );
    inventory.observe(call('GET', '/me', { status: 401, auth: 'missing' }));
    const endpoint = find(inventory.snapshot(), 'GET /me');
    expect(endpoint.auth).toEqual({ bearer: 1, jwt: 1, 'api-key': 2, none: 1 });
    expect(endpoint.apiKeys).toEqual([
      { in: 'header', name: 'x-api-key' },
      { in: 'query', name: 'api_key' },
    ]);
    expect(endpoint.authOutcomes).toEqual({ none: 2, success: 1, invalid: 1, missing: 1 });
    expect(endpoint.statuses).toEqual({ 200: 3, 401: 2 });
    expect(endpoint.clients).toBe(4);
    expect(endpoint.principals).toBe(1);
    // The secret-named query parameter is a credential placement, not a parameter.
    expect(endpoint.parameters).toEqual([]);
  });
});

describe('createInventory: bounds', () => {
  it('stops adding endpoints at maxEndpoints and counts the calls it could not attribute', () => {
    const inventory = createInventory({ limits: { maxEndpoints: 3 } });
    for (const resource of ['a', 'b', 'c', 'd', 'e']) inventory.observe(call('GET', `/${resource}`));
    inventory.observe(call('GET', '/a'));
    const snapshot = inventory.snapshot();
    expect(snapshot.endpoints).toHaveLength(3);
    expect(snapshot.events).toBe(6);
    expect(snapshot.droppedEvents).toBe(2);
  });

  it('keeps at most maxParameters query parameters and maxProperties body properties', () => {
    const inventory = createInventory({ limits: { maxParameters: 2, maxProperties: 3 } });
    const body = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, i]));
    inventory.observe(call('POST', '/x?a=1&b=2&c=3&d=4', { requestBody: json(body) }));
    const endpoint = find(inventory.snapshot(), 'POST /x');
    expect(endpoint.parameters.filter((p) => p.in === 'query')).toHaveLength(2);
    expect(endpoint.parameters.filter((p) => p.in === 'body')).toHaveLength(3);
  });

  it('bounds the trie under a flood of random paths', () => {
    const inventory = createInventory({ limits: { maxEndpoints: 50 } });
    for (let i = 0; i < 5000; i++)
      inventory.observe(call('GET', `/probe-${i.toString(36)}x/${i}`, { status: 404 }));
    const snapshot = inventory.snapshot();
    expect(snapshot.endpoints.length).toBeLessThanOrEqual(50);
    expect(snapshot.events).toBe(5000);
  });
});

const DESCRIPTION = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'Shop', version: '1' },
  components: { securitySchemes: { key: { type: 'apiKey', in: 'query', name: 'api_key' } } },
  paths: {
    '/items': {
      get: {
        operationId: 'listItems',
        parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }],
        responses: { '200': { description: 'ok' }, '4XX': { description: 'client error' } },
      },
      post: {
        operationId: 'createItem',
        requestBody: {
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { type: 'object', properties: { name: { type: 'string' } } },
                  { type: 'object', properties: { price: { type: 'number' } } },
                ],
              },
            },
          },
        },
        responses: { '201': { description: 'created' } },
      },
    },
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        responses: { '200': { description: 'ok' }, default: { description: 'x' } },
      },
    },
    '/legacy/items': {
      get: { operationId: 'legacyItems', deprecated: true, responses: { '200': { description: 'ok' } } },
    },
    '/reports': { get: { operationId: 'reports', responses: { '200': { description: 'ok' } } } },
  },
});

describe('createInventory with a description: the diff', () => {
  it('finds shadow and zombie endpoints, undocumented parameters and statuses, and unseen operations', async () => {
    const model = await loadApiFromString(DESCRIPTION, 'shop.json');
    const inventory = createInventory({ model });
    inventory.observe(call('GET', '/items?page=2&debug=1&api_key=[redacted]'));
    inventory.observe(call('GET', '/items', { status: 404 }));
    inventory.observe(call('GET', '/items', { status: 500 }));
    inventory.observe(
      call('POST', '/items', {
        status: 201,
        requestBody: json({ name: 'x', price: 1, isAdmin: true, meta: { a: 1 } }),
      }),
    );
    inventory.observe(call('GET', '/items/17', { status: 503 }));
    inventory.observe(call('DELETE', '/items/17'));
    inventory.observe(call('GET', '/internal/debug/42'));
    inventory.observe(call('GET', '/legacy/items'));
    inventory.observe(call('GET', '/wp-login.php', { status: 404 }));
    const snapshot = inventory.snapshot();
    expect(find(snapshot, 'GET /items/{id}').source).toBe('description');
    const diff = snapshot.diff!;
    expect(diff.shadow.map((s) => [s.method, s.template, s.reason])).toEqual([
      ['DELETE', '/items/{itemId}', 'undocumented-method'],
      ['GET', '/internal/debug/{debugId}', 'undocumented-path'],
    ]);
    expect(diff.notFoundOnly).toBe(1);
    expect(diff.zombie).toEqual([
      expect.objectContaining({
        method: 'GET',
        template: '/legacy/items',
        operationId: 'legacyItems',
        calls: 1,
      }),
    ]);
    expect(diff.undocumentedParameters.map((p) => [p.method, p.in, p.name])).toEqual([
      ['GET', 'query', 'debug'],
      ['POST', 'body', '/isAdmin'],
      ['POST', 'body', '/meta'],
    ]);
    expect(diff.undocumentedStatuses.map((s) => [s.method, s.template, s.status])).toEqual([
      ['GET', '/items', 500],
    ]);
    expect(diff.unseenOperations.map((o) => o.operationId)).toEqual(['reports']);
  });
});

describe('toOpenApi', () => {
  it('reconstructs an OpenAPI 3.1 document that the loader accepts', async () => {
    const inventory = createInventory();
    for (let i = 1; i <= 3; i++) {
      inventory.observe(
        call('GET', `/accounts/${1000 + i}`, {
          identity: { subject: `u${i}`, method: 'jwt' },
          requestHeaders: { authorization: 'Bearer [redacted]' },
          responseBody: json({ id: 1000 + i, owner: 'x', balance: 10.5, iban: 'DE89370400440532013000' }),
        }),
      );
      inventory.observe(
        call('POST', `/accounts/${1000 + i}/transfers`, {
          identity: { subject: `u${i}`, method: 'jwt' },
          requestHeaders: { authorization: 'Bearer [redacted]', 'content-type': 'application/json' },
          requestBody: json({ to: 2000, amount: i, note: i === 1 ? 'hi' : undefined }),
          status: 201,
          responseBody: json({ transferId: `t${i}` }),
        }),
      );
    }
    inventory.observe(call('GET', '/health'));
    inventory.observe(call('PROPFIND', '/dav'));
    const document = toOpenApi(inventory.snapshot(), { title: 'Bank', servers: ['https://bank.example'] });
    const model = await loadApiFromString(JSON.stringify(document), 'observed.json');
    expect(model.specVersion).toBe('3.1');
    expect(model.operations.map((o) => o.key).sort()).toEqual([
      'GET /accounts/{accountId}',
      'GET /health',
      'POST /accounts/{accountId}/transfers',
    ]);
    const get = model.operations.find((o) => o.key === 'GET /accounts/{accountId}')!;
    expect(get.parameters).toEqual([
      expect.objectContaining({
        name: 'accountId',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ type: 'integer' }),
      }),
    ]);
    expect(get.security).toEqual([{ bearerAuth: [] }]);
    expect(model.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    const schema = get.responses[0]!.content[0]!.schema!;
    expect(schema).toMatchObject({ type: 'object', required: ['balance', 'iban', 'id', 'owner'] });
    expect(
      (schema.properties as Record<string, Record<string, unknown>>).iban!['x-rampart-observed'],
    ).toMatchObject({
      dataClasses: ['iban'],
    });
    const post = model.operations.find((o) => o.key === 'POST /accounts/{accountId}/transfers')!;
    expect(post.requestBody?.required).toBe(true);
    expect(post.requestBody?.content[0]?.schema).toMatchObject({
      type: 'object',
      required: ['amount', 'to'],
      properties: { amount: { type: 'integer' }, note: { type: 'string' }, to: { type: 'integer' } },
    });
    // /health was called without credentials: the document says so.
    expect(model.operations.find((o) => o.key === 'GET /health')!.security).toEqual([]);
    expect(document['x-rampart-observed']).toMatchObject({ events: 8, endpoints: 3, skippedEndpoints: 1 });
  });

  it('unifies parameter names of templates that differ only by them', async () => {
    const model = await loadApiFromString(DESCRIPTION, 'shop.json');
    const inventory = createInventory({ model });
    inventory.observe(call('GET', '/items/5'));
    inventory.observe(call('DELETE', '/items/5'));
    const document = toOpenApi(inventory.snapshot());
    expect(Object.keys(document.paths as object)).toEqual(['/items/{id}']);
    const reloaded = await loadApiFromString(JSON.stringify(document), 'observed.json');
    expect(reloaded.operations.map((o) => o.key).sort()).toEqual(['DELETE /items/{id}', 'GET /items/{id}']);
  });
});
