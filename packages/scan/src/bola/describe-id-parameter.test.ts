import { loadApiFromString } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import { describeIdParameter } from './describe-id-parameter.js';

const paths = {
  '/users/{id}/orders/{orderId}': ['id', 'orderId'],
  '/users/{userId}': ['userId'],
  '/users/{username}/repos/{slug}': ['username', 'slug'],
  '/subscribers/{email}': ['email'],
  '/accounts/{accountNumber}': ['accountNumber'],
  '/profiles/{uid}': ['uid'],
  '/transfers': [],
} as const;

const model = await loadApiFromString(
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, names]) => [
        path,
        {
          get: {
            parameters: [
              ...names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
              ...(names.length === 0 ? [{ name: 'userId', in: 'query', schema: { type: 'integer' } }] : []),
            ],
            responses: { '200': { description: 'ok' } },
          },
        },
      ]),
    ),
  }),
  'ids.json',
);

const describeParam = (path: string, name: string) => {
  const operation = model.operations.find((op) => op.path === path)!;
  const {
    resources,
    field,
    keys,
    in: where,
  } = describeIdParameter(operation, operation.parameters.find((p) => p.name === name)!);
  return { resources, field, keys, in: where };
};

describe('describeIdParameter', () => {
  it.each([
    [
      '/users/{id}/orders/{orderId}',
      'id',
      { resources: ['user'], field: 'id', keys: ['userid'], in: 'path' },
    ],
    [
      '/users/{id}/orders/{orderId}',
      'orderId',
      { resources: ['order'], field: 'id', keys: ['orderid'], in: 'path' },
    ],
    ['/users/{userId}', 'userId', { resources: ['user'], field: 'id', keys: ['userid'], in: 'path' }],
    [
      '/users/{username}/repos/{slug}',
      'username',
      { resources: ['user'], field: 'username', keys: ['username'], in: 'path' },
    ],
    [
      '/users/{username}/repos/{slug}',
      'slug',
      { resources: ['repo'], field: 'slug', keys: ['slug', 'reposlug'], in: 'path' },
    ],
    [
      '/subscribers/{email}',
      'email',
      { resources: ['subscriber'], field: 'email', keys: ['email', 'subscriberemail'], in: 'path' },
    ],
    [
      '/accounts/{accountNumber}',
      'accountNumber',
      { resources: ['account'], field: 'number', keys: ['accountnumber'], in: 'path' },
    ],
    ['/profiles/{uid}', 'uid', { resources: ['user'], field: 'id', keys: ['uid', 'userid'], in: 'path' }],
    ['/transfers', 'userId', { resources: ['user'], field: 'id', keys: ['userid'], in: 'query' }],
  ])('%s %s', (path, name, expected) => {
    expect(describeParam(path, name)).toEqual(expected);
  });
});
