import { RampartValidationError } from '@rampart/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOperationIndex } from './create-operation-index.js';
import type { HttpMethod, Operation, Parameter, Server } from './model.js';

function operation(
  method: HttpMethod,
  path: string,
  extra: { greedy?: string; servers?: readonly string[]; isWebhook?: boolean } = {},
): Operation {
  const parameters: Parameter[] =
    extra.greedy === undefined
      ? []
      : [
          {
            name: extra.greedy,
            in: 'path',
            required: true,
            deprecated: false,
            schema: { type: 'string' },
            extensions: { 'x-rampart-greedy': true },
            pointer: `/paths/${path.replaceAll('/', '~1')}/${method}/parameters/0`,
          },
        ];
  const servers: Server[] = (extra.servers ?? []).map((basePath, i) => ({
    url: `https://api.example.com${basePath}`,
    variables: {},
    basePath,
    pointer: `/servers/${i}`,
  }));
  return {
    key: `${method.toUpperCase()} ${path}`,
    method,
    path,
    tags: [],
    deprecated: false,
    parameters,
    responses: [],
    security: [],
    securitySource: 'none',
    callbacks: {},
    servers,
    extensions: {},
    pointer: `/paths/${path.replaceAll('/', '~1')}/${method}`,
    isWebhook: extra.isWebhook ?? false,
  };
}

function keyOf(index: ReturnType<typeof createOperationIndex>, method: string, path: string) {
  const match = index.match(method, path);
  return match && { key: match.operation.key, params: { ...match.params } };
}

describe('createOperationIndex', () => {
  const index = createOperationIndex([
    operation('get', '/users'),
    operation('get', '/users/me'),
    operation('get', '/users/{id}'),
    operation('delete', '/users/{id}'),
    operation('get', '/users/{id}/posts/{postId}'),
    operation('get', '/a/{x}/c'),
    operation('get', '/a/b/{y}'),
    operation('get', '/a/b/z'),
    operation('get', '/files/{name}.{ext}'),
    operation('get', '/files/{name}.json'),
    operation('get', '/files/{name}'),
    operation('get', '/range/{from}-{to}'),
    operation('get', '/v{major}/status'),
    operation('get', '/blobs/{path}', { greedy: 'path' }),
    operation('get', '/blobs/{path}/meta'.replace('/meta', '/latest')),
    operation('get', '/slash/'),
    operation('get', '/'),
    operation('post', '/hooks/{id}', { isWebhook: true }),
  ]);

  it.each([
    ['GET', '/users', 'GET /users', {}],
    ['get', '/users/me', 'GET /users/me', {}],
    ['Get', '/users/42', 'GET /users/{id}', { id: '42' }],
    ['GET', '/users/42/posts/7', 'GET /users/{id}/posts/{postId}', { id: '42', postId: '7' }],
    ['DELETE', '/users/me', 'DELETE /users/{id}', { id: 'me' }],
    ['GET', '/a/b/c', 'GET /a/b/{y}', { y: 'c' }],
    ['GET', '/a/b/z', 'GET /a/b/z', {}],
    ['GET', '/a/q/c', 'GET /a/{x}/c', { x: 'q' }],
    ['GET', '/files/report.json', 'GET /files/{name}.json', { name: 'report' }],
    ['GET', '/files/a.tar.gz', 'GET /files/{name}.{ext}', { name: 'a.tar', ext: 'gz' }],
    ['GET', '/files/readme', 'GET /files/{name}', { name: 'readme' }],
    ['GET', '/files/.json', 'GET /files/{name}', { name: '.json' }],
    ['GET', '/range/1-5', 'GET /range/{from}-{to}', { from: '1', to: '5' }],
    ['GET', '/range/a-b-c', 'GET /range/{from}-{to}', { from: 'a-b', to: 'c' }],
    ['GET', '/v2/status', 'GET /v{major}/status', { major: '2' }],
    ['GET', '/blobs/a/b/c.txt', 'GET /blobs/{path}', { path: 'a/b/c.txt' }],
    ['GET', '/blobs/x', 'GET /blobs/{path}', { path: 'x' }],
    ['GET', '/blobs/x/latest', 'GET /blobs/{path}/latest', { path: 'x' }],
    ['GET', '/users/caf%C3%A9%2Fx', 'GET /users/{id}', { id: 'café/x' }],
    ['GET', '/slash/', 'GET /slash/', {}],
    ['GET', '/', 'GET /', {}],
  ])('%s %s → %s', (method, path, key, params) => {
    expect(keyOf(index, method, path)).toEqual({ key, params });
  });

  it.each([
    ['GET', '/users/'],
    ['GET', '/slash'],
    ['GET', '/users//posts/1'],
    ['GET', '/users/42/posts'],
    ['GET', '/range/-5'],
    ['GET', '/v/status'],
    ['GET', '/blobs/'],
    ['GET', '/USERS'],
    ['GET', '/users/%zz'],
    ['GET', '/users/%E0%A4%A'],
    ['POST', '/users'],
    ['CONNECT', '/users'],
    ['POST', '/hooks/1'],
    ['GET', ''],
    ['GET', 'users'],
  ])('%s %s → no match', (method, path) => {
    expect(index.match(method, path)).toBeUndefined();
  });

  it('lists the methods declared for a path, for 405 answers', () => {
    expect(index.allowedMethods('/users/me')).toEqual(['GET', 'DELETE']);
    expect(index.allowedMethods('/users/7')).toEqual(['GET', 'DELETE']);
    expect(index.allowedMethods('/users')).toEqual(['GET']);
    expect(index.allowedMethods('/nope')).toEqual([]);
  });

  it('returns a fresh params object for templated paths and a frozen one for static paths', () => {
    const a = index.match('GET', '/users/1');
    const b = index.match('GET', '/users/2');
    expect(a?.params).not.toBe(b?.params);
    expect(Object.isFrozen(index.match('GET', '/users')?.params)).toBe(true);
  });

  it('keeps a parameter named __proto__ as data', () => {
    const protoIndex = createOperationIndex([operation('get', '/x/{__proto__}')]);
    const match = protoIndex.match('GET', '/x/polluted');
    expect(Object.getOwnPropertyDescriptor(match?.params, '__proto__')?.value).toBe('polluted');
    expect(Object.getPrototypeOf(match?.params)).not.toBe('polluted');
    expect(Object.keys(match?.params ?? {})).toEqual(['__proto__']);
  });

  it('strips the longest base path that leads to a match', () => {
    const based = createOperationIndex([
      operation('get', '/users/{id}', { servers: ['/api/v1', '/api'] }),
      operation('get', '/', { servers: ['/api/v1'] }),
      operation('get', '/v1/users/{id}', { servers: [''] }),
    ]);
    expect(keyOf(based, 'GET', '/api/v1/users/1')).toEqual({ key: 'GET /users/{id}', params: { id: '1' } });
    expect(keyOf(based, 'GET', '/api/users/1')).toEqual({ key: 'GET /users/{id}', params: { id: '1' } });
    expect(keyOf(based, 'GET', '/v1/users/1')).toEqual({ key: 'GET /v1/users/{id}', params: { id: '1' } });
    expect(based.match('GET', '/users/1')).toBeUndefined();
    expect(keyOf(based, 'GET', '/api/v1')).toEqual({ key: 'GET /', params: {} });
    expect(keyOf(based, 'GET', '/api/v1/')).toEqual({ key: 'GET /', params: {} });

    const clash = createOperationIndex([
      operation('get', '/api/users/{id}', { servers: [''] }),
      operation('get', '/users/{id}', { servers: ['/api'] }),
    ]);
    expect(keyOf(clash, 'GET', '/api/users/1')).toEqual({ key: 'GET /users/{id}', params: { id: '1' } });

    const overridden = createOperationIndex([operation('get', '/users/{id}', { servers: ['/api/v1'] })], {
      basePaths: ['/gw/', ''],
    });
    expect(overridden.match('GET', '/gw/users/1')?.params).toEqual({ id: '1' });
    expect(overridden.match('GET', '/users/1')?.params).toEqual({ id: '1' });
    expect(overridden.match('GET', '/api/v1/users/1')).toBeUndefined();
  });

  it('folds ASCII case of literal text only when asked, keeping parameter values as sent', () => {
    const insensitive = createOperationIndex([operation('get', '/Users/{id}'), operation('get', '/Static')], {
      caseSensitive: false,
    });
    expect(insensitive.match('GET', '/USERS/AbC')?.params).toEqual({ id: 'AbC' });
    expect(insensitive.match('GET', '/static')?.operation.key).toBe('GET /Static');
    // U+212A KELVIN SIGN must not fold to "k".
    expect(
      createOperationIndex([operation('get', '/k')], { caseSensitive: false }).match('GET', '/\u212a'),
    ).toBe(undefined);
  });

  it('reports every unroutable template in one error', () => {
    let error: unknown;
    try {
      createOperationIndex([
        operation('get', 'users'),
        operation('get', '/a/{b'),
        operation('get', '/a/{x}{y}'),
        operation('get', '/a/{x}/{x}'),
        operation('get', '/a/{rest}/more', { greedy: 'rest' }),
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RampartValidationError);
    expect((error as RampartValidationError).code).toBe('RAMPART_ERR_OPENAPI_INVALID');
    expect((error as RampartValidationError).problems).toHaveLength(5);
  });

  it('rejects a base path that is not absolute', () => {
    expect(() => createOperationIndex([], { basePaths: ['api'] })).toThrow(TypeError);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property: the index agrees with a brute-force matcher that tries every template with a regular expression and
// picks the most specific match by comparing segments left to right.

interface ReferenceRoute {
  readonly operation: Operation;
  readonly basePath: string;
  readonly fullTemplate: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly keys: ReadonlyArray<readonly [number, number, string]>;
}

const RANK = { literal: 0, mixed: 1, param: 2, greedy: 3 };

function referenceRoutes(operations: readonly Operation[]): ReferenceRoute[] {
  const routes: ReferenceRoute[] = [];
  for (const op of operations) {
    const greedyName = op.parameters.find((p) => p.extensions['x-rampart-greedy'] === true)?.name;
    const bases = op.servers.length === 0 ? [''] : op.servers.map((s) => s.basePath);
    for (const basePath of bases) {
      const templates = [basePath + op.path];
      if (op.path === '/' && basePath !== '') templates.push(basePath);
      for (const fullTemplate of templates) {
        const names: string[] = [];
        const keys: Array<readonly [number, number, string]> = [];
        const source = fullTemplate
          .slice(1)
          .split('/')
          .map((segment, i) => {
            const inBase = basePath !== '' && i < basePath.split('/').length - 1;
            const pieces = inBase ? [segment] : segment.split(/(\{[^}]*\})/).filter((p) => p !== '');
            const params = pieces.filter((p) => !inBase && p.startsWith('{'));
            const literal = pieces.filter((p) => inBase || !p.startsWith('{')).join('');
            const shape = pieces.map((p) => (!inBase && p.startsWith('{') ? '{}' : p)).join('');
            for (const p of params) names.push(p.slice(1, -1));
            if (params.length === 1 && params[0]!.slice(1, -1) === greedyName) {
              keys.push([RANK.greedy, 0, shape]);
              return '(.+)';
            }
            const kind = params.length === 0 ? 'literal' : pieces.length === 1 ? 'param' : 'mixed';
            keys.push([RANK[kind], kind === 'mixed' ? -literal.length : 0, shape]);
            return pieces
              .map((p) =>
                !inBase && p.startsWith('{') ? '([^/]+)' : p.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'),
              )
              .join('');
          })
          .join('/');
        routes.push({
          operation: op,
          basePath,
          fullTemplate,
          regex: new RegExp(`^/${source}$`),
          names,
          keys,
        });
      }
    }
  }
  return routes;
}

function compareRoutes(a: ReferenceRoute, b: ReferenceRoute): number {
  for (let i = 0; i < Math.min(a.keys.length, b.keys.length); i++) {
    const [ka, kb] = [a.keys[i]!, b.keys[i]!];
    const order = ka[0] - kb[0] || ka[1] - kb[1] || (ka[2] < kb[2] ? -1 : ka[2] > kb[2] ? 1 : 0);
    if (order !== 0) return order;
  }
  return (
    b.basePath.length - a.basePath.length ||
    (a.operation.path < b.operation.path ? -1 : a.operation.path > b.operation.path ? 1 : 0)
  );
}

function referenceMatch(routes: readonly ReferenceRoute[], method: string, path: string) {
  const candidates = routes
    .filter((r) => r.operation.method === method.toLowerCase())
    .map((r) => ({ route: r, found: r.regex.exec(path) }))
    .filter((c) => c.found !== null)
    .sort((x, y) => compareRoutes(x.route, y.route));
  const best = candidates[0];
  if (best === undefined) return undefined;
  const params: Record<string, string> = {};
  for (const [i, name] of best.route.names.entries()) {
    try {
      params[name] = decodeURIComponent(best.found![i + 1]!);
    } catch {
      return undefined;
    }
  }
  return { key: best.route.operation.key, params };
}

const literalSegment = fc.constantFrom('a', 'b', 'ab', 'api', 'v1', 'x.json', '');
const templateSegment = fc.constantFrom('{}', '{}.json', '{}.{}', 'v{}', '{}-{}', 'a{}');
const segmentSpec = fc.oneof(
  { weight: 3, arbitrary: literalSegment },
  { weight: 2, arbitrary: templateSegment },
);

const templateSpec = fc.record({
  method: fc.constantFrom<HttpMethod>('get', 'get', 'post'),
  segments: fc.array(segmentSpec, { minLength: 1, maxLength: 4 }),
  greedy: fc.boolean(),
  base: fc.constantFrom('', '', '/api', '/api/v1'),
});

function toOperation(spec: {
  method: HttpMethod;
  segments: string[];
  greedy: boolean;
  base: string;
}): Operation {
  let n = 0;
  const segments = spec.segments.map((s) => s.replaceAll('{}', () => `{p${n++}}`));
  let greedy: string | undefined;
  if (spec.greedy) {
    greedy = `p${n++}`;
    segments.push(`{${greedy}}`);
  }
  const path = `/${segments.join('/')}`;
  return operation(spec.method, path, {
    ...(greedy === undefined ? {} : { greedy }),
    servers: [spec.base],
  });
}

const valueChars = fc.constantFrom(
  'a',
  'b',
  'v',
  '1',
  '.',
  '-',
  'json',
  'x.json',
  '%41',
  '%2F',
  '%zz',
  '%',
  'é',
);
const pathValue = fc.array(valueChars, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));

describe('createOperationIndex agrees with a brute-force reference matcher', () => {
  it('for random templates and paths built from them', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(templateSpec, {
          minLength: 1,
          maxLength: 12,
          selector: (s) => `${s.method} ${s.base} ${s.segments.join('/')} ${s.greedy}`,
        }),
        fc.array(
          fc.record({
            pick: fc.nat(),
            values: fc.array(pathValue, { minLength: 8, maxLength: 8 }),
            extra: fc.constantFrom('', '', '/', '/a', '/b/c'),
            method: fc.constantFrom('GET', 'get', 'POST', 'PUT'),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        (specs, requests) => {
          const operations = specs.map(toOperation);
          const index = createOperationIndex(operations);
          const shuffled = createOperationIndex([...operations].reverse());
          const routes = referenceRoutes(operations);
          for (const request of requests) {
            const route = routes[request.pick % routes.length]!;
            let v = 0;
            const path =
              route.fullTemplate.replace(/\{[^}]*\}/g, () => request.values[v++ % 8]!) + request.extra;
            const expected = referenceMatch(routes, request.method, path);
            expect(keyOf(index, request.method, path)).toEqual(expected);
            expect(keyOf(shuffled, request.method, path)).toEqual(expected);
            const allowed = ['get', 'post'].filter((m) =>
              routes.some((r) => r.operation.method === m && r.regex.test(path)),
            );
            expect(index.allowedMethods(path)).toEqual(allowed.map((m) => m.toUpperCase()));
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
