import { isRampartError } from '@rampart/core';
import { learnModelFromHar } from '@rampart/scan';
import { describe, expect, it } from 'vitest';

const API = 'https://api.example.test';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.c2lnbmF0dXJlLXNlY3JldC12YWx1ZQ';

function entry(
  method: string,
  url: string,
  options: {
    auth?: boolean;
    status?: number;
    body?: unknown;
    response?: unknown;
    mime?: string;
    cookie?: string;
  } = {},
) {
  const headers = [
    ...(options.auth ? [{ name: 'Authorization', value: `Bearer ${TOKEN}` }] : []),
    ...(options.cookie ? [{ name: 'Cookie', value: options.cookie }] : []),
  ];
  return {
    request: {
      method,
      url,
      headers,
      ...(options.body === undefined
        ? {}
        : { postData: { mimeType: 'application/json; charset=utf-8', text: JSON.stringify(options.body) } }),
    },
    response: {
      status: options.status ?? 200,
      headers: [],
      content: {
        mimeType: options.mime ?? 'application/json',
        text: options.response === undefined ? '' : JSON.stringify(options.response),
      },
    },
  };
}

const HAR = {
  log: {
    version: '1.2',
    entries: [
      entry('GET', `${API}/`, { mime: 'text/html' }),
      entry('GET', `${API}/static/app.js`, { mime: 'application/javascript' }),
      entry('OPTIONS', `${API}/accounts`, { status: 204 }),
      entry('GET', `${API}/accounts`, {
        auth: true,
        response: { items: [{ id: 1002, iban: 'NL02', balance: 25000.5 }] },
      }),
      entry('GET', `${API}/accounts/1002`, {
        auth: true,
        response: { id: 1002, currency: 'EUR', owner: 'alice' },
      }),
      entry('GET', `${API}/accounts/1004`, { auth: true, status: 404, response: { error: 'not found' } }),
      entry('GET', `${API}/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301/orders/7`, {
        auth: true,
        response: { id: 7 },
      }),
      entry('POST', `${API}/transfers`, {
        auth: true,
        status: 201,
        body: {
          fromAccountId: 1002,
          amount: 10.5,
          note: 'rent for march',
          currency: 'EUR',
          password: 'hunter2-secret',
        },
        response: { id: 9003 },
      }),
      entry('POST', `${API}/transfers`, {
        auth: true,
        status: 201,
        body: { fromAccountId: 1002, amount: 3 },
      }),
      entry('GET', `${API}/search?q=rent&page=2`, {
        cookie: 'sessionid=abc-session-value; theme=dark',
        response: [],
      }),
      entry('GET', `${API}/search?q=food`, { cookie: 'sessionid=abc-session-value', response: [] }),
      entry('GET', `${API}/health`, { response: { ok: true } }),
      entry('GET', `${API}/admin/users`, { status: 401 }),
      entry('GET', 'https://cdn.other.test/accounts/1', { auth: true, response: {} }),
    ],
  },
};

describe('learnModelFromHar', () => {
  it('groups requests into operations by method and path template, with typed path parameters', async () => {
    const model = await learnModelFromHar(HAR, { target: API, file: 'traffic.har' });
    expect(model.operations.map((op) => op.key).sort()).toEqual([
      'GET /accounts',
      'GET /accounts/{accountId}',
      'GET /admin/users',
      'GET /health',
      'GET /search',
      'GET /users/{userId}/orders/{orderId}',
      'POST /transfers',
    ]);
    const account = model.operations.find((op) => op.key === 'GET /accounts/{accountId}')!;
    expect(account.parameters).toMatchObject([
      { name: 'accountId', in: 'path', required: true, schema: { type: 'integer' } },
    ]);
    expect(account.responses.map((r) => r.status).sort()).toEqual(['200', '404']);
    const orders = model.operations.find((op) => op.path.startsWith('/users'))!;
    expect(orders.parameters.map((p) => [p.name, p.schema])).toEqual([
      ['userId', { type: 'string', format: 'uuid' }],
      ['orderId', { type: 'integer' }],
    ]);
    expect(model.extensions['x-rampart-learned']).toMatchObject({ entries: 14, used: 10, operations: 7 });
  });

  it('infers query parameters (required only when always present) and merged JSON bodies', async () => {
    const model = await learnModelFromHar(HAR, { target: API });
    const search = model.operations.find((op) => op.key === 'GET /search')!;
    expect(search.parameters.map((p) => [p.name, p.required, p.schema['type']])).toEqual([
      ['q', true, 'string'],
      ['page', false, 'integer'],
    ]);
    const body = model.operations.find((op) => op.key === 'POST /transfers')!.requestBody!;
    const schema = body.content[0]!.schema as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(body.content[0]!.mediaType).toBe('application/json');
    expect(schema.required).toEqual(['fromAccountId', 'amount']);
    expect(schema.properties['amount']?.['type']).toBe('number');
    expect(schema.properties['fromAccountId']).toEqual({ type: 'integer', example: 1002 });
    // Free text carries no example, so the scanner writes its own marker there.
    expect(schema.properties['note']).toEqual({ type: 'string' });
    expect(schema.properties['currency']).toEqual({ type: 'string', example: 'EUR' });
  });

  it('derives security from the credentials requests carried, and never copies a secret', async () => {
    const model = await learnModelFromHar(HAR, { target: API });
    const security = (key: string) => model.operations.find((op) => op.key === key)!.security;
    expect(model.securitySchemes['bearerAuth']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(model.securitySchemes['sessionidCookie']).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      paramName: 'sessionid',
    });
    expect(security('GET /accounts')).toEqual([{ bearerAuth: [] }]);
    expect(security('GET /search')).toEqual([{ sessionidCookie: [] }]);
    expect(security('GET /health')).toEqual([]);
    // Refused without credentials: secured by the schemes the rest of the traffic used.
    expect(security('GET /admin/users')).toEqual([{ bearerAuth: [] }, { sessionidCookie: [] }]);
    const text = JSON.stringify(model.document);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('abc-session-value');
  });

  it('learns the busiest origin when no target is given, and strips a base path when one is', async () => {
    expect((await learnModelFromHar(HAR)).servers[0]?.url).toBe(API);
    const based = await learnModelFromHar(
      {
        log: {
          entries: [entry('GET', `${API}/v2/items/12`, { response: {} }), entry('GET', `${API}/other`)],
        },
      },
      { target: `${API}/v2` },
    );
    expect(based.operations.map((op) => op.key)).toEqual(['GET /items/{itemId}']);
  });

  it.each([
    ['not a HAR', { entries: [] }, /is not a HAR file: it has no log.entries list/],
    ['no usable entry', { log: { entries: [{ request: {} }] } }, /has no usable entry/],
    ['nothing for the target', HAR, /has no API request to https:\/\/elsewhere.test/],
  ])('rejects %s with RAMPART_ERR_IMPORT_READ', async (_name, har, message) => {
    const error = await learnModelFromHar(har, { target: 'https://elsewhere.test', file: 'x.har' }).catch(
      (e) => e,
    );
    expect(isRampartError(error) && error.code).toBe('RAMPART_ERR_IMPORT_READ');
    expect(error.message).toMatch(message);
  });
});
