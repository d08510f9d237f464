import { RampartValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { compileValidators, type RequestInput } from './compile-validators.js';
import {
  type ApiModel,
  HTTP_METHODS,
  type HttpMethod,
  type MediaType,
  type Operation,
  type Parameter,
  type Response,
  type SpecVersion,
} from './model.js';

// A minimal stand-in for the loader: enough of the model (operations with pointers) for the validators, which
// read schemas from `document` by pointer.
// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON documents.
type Doc = Record<string, any>;
type Overrides = { [K in keyof RequestInput]?: RequestInput[K] | undefined };

function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function deref(document: Doc, value: Doc): { value: Doc; pointer?: string } {
  const ref = value['$ref'];
  if (typeof ref !== 'string') return { value };
  const pointer = ref.slice(1);
  const target = pointer
    .slice(1)
    .split('/')
    .reduce((node: Doc, token) => node[token.replaceAll('~1', '/').replaceAll('~0', '~')], document);
  return { value: target, pointer };
}

function content(owner: Doc, pointer: string): MediaType[] {
  return Object.keys(owner['content'] ?? {}).map((mediaType) => ({
    mediaType,
    pointer: `${pointer}/content/${escapeToken(mediaType)}`,
  }));
}

function modelFrom(document: Doc, specVersion: SpecVersion = '3.0'): ApiModel {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Doc>(document['paths'])) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as Doc | undefined;
      if (op === undefined) continue;
      const pointer = `/paths/${escapeToken(path)}/${method}`;
      const parameters: Parameter[] = [
        ...(item['parameters'] ?? []).map((p: Doc, i: number) => [
          p,
          `/paths/${escapeToken(path)}/parameters/${i}`,
        ]),
        ...(op['parameters'] ?? []).map((p: Doc, i: number) => [p, `${pointer}/parameters/${i}`]),
      ].map(([raw, at]: [Doc, string]) => {
        const p = deref(document, raw).value;
        return {
          name: p['name'],
          in: p['in'],
          required: p['required'] ?? false,
          deprecated: false,
          schema: p['schema'] ?? {},
          ...(p['style'] === undefined ? {} : { style: p['style'] }),
          ...(p['explode'] === undefined ? {} : { explode: p['explode'] }),
          extensions: {},
          pointer: at,
        };
      });
      const body = op['requestBody'] as Doc | undefined;
      const responses: Response[] = Object.entries<Doc>(op['responses'] ?? {}).map(([status, raw]) => {
        const at = `${pointer}/responses/${escapeToken(status)}`;
        return {
          status,
          headers: [],
          content: content(deref(document, raw).value, at),
          links: {},
          pointer: at,
        };
      });
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method as HttpMethod,
        path,
        tags: [],
        deprecated: false,
        parameters,
        ...(body === undefined
          ? {}
          : {
              requestBody: {
                required: body['required'] ?? false,
                content: content(body, `${pointer}/requestBody`),
                pointer: `${pointer}/requestBody`,
              },
            }),
        responses,
        security: [],
        securitySource: 'none',
        callbacks: {},
        servers: [],
        extensions: {},
        pointer,
        isWebhook: false,
      });
    }
  }
  return {
    file: 'test.yaml',
    specVersion,
    versionString: specVersion === '3.1' ? '3.1.0' : '3.0.3',
    info: { title: 'test', version: '1' },
    servers: [],
    securitySchemes: {},
    operations,
    webhooks: [],
    schemas: [],
    extensions: {},
    document,
    locate: () => undefined,
    locatePointer: (pointer) => ({ file: 'test.yaml', line: 1, pointer }),
  };
}

const json = { 'application/json': { schema: { $ref: '#/components/schemas/User' } } };

const doc30: Doc = {
  openapi: '3.0.3',
  info: { title: 'test', version: '1' },
  paths: {
    '/users/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      get: {
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 }, example: 10, 'x-note': 1 },
          {
            name: 'tags',
            in: 'query',
            schema: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
          },
          { name: 'ids', in: 'query', explode: false, schema: { type: 'array', items: { type: 'integer' } } },
          {
            name: 'pipes',
            in: 'query',
            style: 'pipeDelimited',
            schema: { type: 'array', items: { type: 'integer' } },
          },
          { name: 'active', in: 'query', schema: { type: 'boolean' } },
          { name: 'when', in: 'query', schema: { type: 'string', format: 'date' } },
          {
            name: 'filter',
            in: 'query',
            style: 'deepObject',
            schema: { $ref: '#/components/schemas/Filter' },
          },
          { $ref: '#/components/parameters/RequestId' },
          { name: 'X-Trace', in: 'header', schema: { type: 'array', items: { type: 'integer' } } },
          { name: 'session', in: 'cookie', required: true, schema: { type: 'string', minLength: 3 } },
          { name: 'Accept', in: 'header', required: true, schema: { type: 'integer' } },
        ],
        responses: {
          '200': { content: json },
          '4XX': {
            content: { 'application/problem+json': { schema: { type: 'object', required: ['title'] } } },
          },
          '204': { description: 'none' },
        },
      },
    },
    '/users': {
      post: {
        requestBody: { required: true, content: json },
        responses: { '201': { content: json } },
      },
    },
    '/pets': {
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
        responses: { default: { description: 'any' } },
      },
    },
    '/trees': {
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } },
        responses: {},
      },
    },
    '/bounds': {
      get: {
        parameters: [
          {
            name: 'n',
            in: 'query',
            schema: { type: 'number', minimum: 0, exclusiveMinimum: true, format: 'float' },
          },
          { name: 'odd', in: 'query', schema: { type: 'string', format: 'no-such-format' } },
        ],
        responses: {},
      },
    },
  },
  components: {
    parameters: {
      RequestId: {
        name: 'X-Request-Id',
        in: 'header',
        required: true,
        schema: { type: 'string', format: 'uuid' },
      },
    },
    schemas: {
      Filter: { type: 'object', properties: { min: { type: 'integer' }, q: { type: 'string' } } },
      User: {
        type: 'object',
        required: ['id', 'name', 'password'],
        properties: {
          id: { type: 'integer', readOnly: true },
          name: { type: 'string', example: 'Ada', 'x-pii': true },
          password: { type: 'string', writeOnly: true, minLength: 8 },
          nickname: { type: 'string', nullable: true },
          age: { type: 'integer', format: 'int32', minimum: 0 },
          role: { type: 'string', enum: ['user', 'admin'], nullable: true },
          manager: { allOf: [{ $ref: '#/components/schemas/Ref' }], nullable: true },
        },
        additionalProperties: false,
      },
      Ref: { type: 'object', properties: { id: { type: 'integer' } } },
      Pet: {
        oneOf: [
          { $ref: '#/components/schemas/Cat' },
          { $ref: '#/components/schemas/Dog' },
          { $ref: '#/components/schemas/Bird' },
        ],
        discriminator: { propertyName: 'petType', mapping: { cat: '#/components/schemas/Cat', dog: 'Dog' } },
      },
      // Cat and Dog overlap (both accept { petType, name }), so a plain oneOf would reject every pet.
      Cat: {
        type: 'object',
        required: ['petType'],
        properties: { petType: { type: 'string' }, lives: { type: 'integer', maximum: 9 } },
      },
      Dog: {
        type: 'object',
        required: ['petType'],
        properties: { petType: { type: 'string' }, bark: { type: 'boolean' } },
      },
      Bird: {
        type: 'object',
        required: ['petType'],
        properties: { petType: { type: 'string' }, wings: { const: 2 } },
      },
      Node: {
        type: 'object',
        required: ['value'],
        properties: {
          value: { type: 'integer' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
        },
      },
    },
  },
};

const model30 = modelFrom(doc30);
const validatorFor = compileValidators(model30);
const op = (key: string) => model30.operations.find((o) => o.key === key)!;

const baseRequest: RequestInput = {
  params: { id: '7' },
  query: new URLSearchParams(),
  headers: { 'x-request-id': '1b4e28ba-2fa1-11d2-883f-0016d3cca427' },
  cookies: { session: 'abcd' },
};

describe('compileValidators: requests (OpenAPI 3.0)', () => {
  const getUser = validatorFor(op('GET /users/{id}'));
  it.each<[string, Overrides, string[]]>([
    ['a minimal valid request', {}, []],
    [
      'path: not an integer',
      { params: { id: 'abc' } },
      ['path:id: path parameter "id" must be integer, got "abc"'],
    ],
    ['path: below minimum', { params: { id: '0' } }, ['path:id: path parameter "id" must be >= 1, got "0"']],
    ['path: missing', { params: {} }, ['path:id: path parameter "id" is required']],
    ['query: integer coerced', { query: new URLSearchParams('limit=100') }, []],
    [
      'query: integer too big',
      { query: { limit: '101' } },
      ['query:limit: query parameter "limit" must be <= 100, got "101"'],
    ],
    [
      'query: sent twice',
      { query: new URLSearchParams('limit=1&limit=2') },
      ['query:limit: query parameter "limit" must appear once, got 2 values'],
    ],
    ['query: exploded array', { query: new URLSearchParams('tags=a&tags=b') }, []],
    ['query: exploded array, one item', { query: { tags: 'b' } }, []],
    [
      'query: array item not in enum',
      { query: { tags: ['a', 'c'] } },
      [
        'query:tags: query parameter "tags" at /1 must be equal to one of the allowed values: ["a","b"], got "c"',
      ],
    ],
    ['query: comma-separated array', { query: new URLSearchParams('ids=1,2,3') }, []],
    [
      'query: comma-separated array item',
      { query: new URLSearchParams('ids=1,x') },
      ['query:ids: query parameter "ids" at /1 must be integer, got "x"'],
    ],
    ['query: pipe-delimited array', { query: new URLSearchParams('pipes=1|2') }, []],
    ['query: boolean true', { query: new URLSearchParams('active=true') }, []],
    ['query: boolean false', { query: new URLSearchParams('active=false') }, []],
    [
      'query: boolean invalid',
      { query: new URLSearchParams('active=yes') },
      ['query:active: query parameter "active" must be boolean, got "yes"'],
    ],
    [
      'query: format date',
      { query: new URLSearchParams('when=2024-02-30x') },
      ['query:when: query parameter "when" must match format "date", got "2024-02-30x"'],
    ],
    ['query: deepObject', { query: new URLSearchParams('filter[min]=3&filter[q]=x') }, []],
    [
      'query: deepObject bad property',
      { query: new URLSearchParams('filter[min]=many') },
      ['query:filter: query parameter "filter" at /min must be integer, got "many"'],
    ],
    ['header: missing', { headers: {} }, ['header:X-Request-Id: header "X-Request-Id" is required']],
    [
      'header: bad format, value not shown',
      { headers: { 'x-request-id': 'nope' } },
      ['header:X-Request-Id: header "X-Request-Id" must match format "uuid"'],
    ],
    ['header: array from comma list', { headers: { ...baseRequest.headers, 'x-trace': '1,2' } }, []],
    [
      'header: array item',
      { headers: { ...baseRequest.headers, 'x-trace': ['1', 'z'] } },
      ['header:X-Trace: header "X-Trace" at /1 must be integer'],
    ],
    ['cookie: missing', { cookies: {} }, ['cookie:session: cookie "session" is required']],
    [
      'cookie: too short',
      { cookies: { session: 'ab' } },
      ['cookie:session: cookie "session" must NOT have fewer than 3 characters'],
    ],
    [
      'body: sent to an operation without one',
      { body: {} },
      ['body: request body is not accepted: "GET /users/{id}" describes none'],
    ],
  ])('%s', (_, overrides, expected) => {
    const issues = getUser.validateRequest({ ...baseRequest, ...overrides } as RequestInput);
    expect(
      issues.map((i) => `${i.location}${i.name === undefined ? '' : `:${i.name}`}: ${i.message}`),
    ).toEqual(expected);
  });

  const createUser = validatorFor(op('POST /users'));
  const user = { name: 'Ada', password: 'correct horse' };
  it.each<[string, Overrides, string[]]>([
    ['readOnly id is not required in a request', { body: user }, []],
    ['nullable string accepts null', { body: { ...user, nickname: null } }, []],
    ['nullable enum accepts null', { body: { ...user, role: null } }, []],
    ['nullable allOf $ref accepts null', { body: { ...user, manager: null } }, []],
    [
      'nullable allOf $ref still validates objects',
      { body: { ...user, manager: { id: 'x' } } },
      ['body: request body at /manager/id must be integer, got "x"'],
    ],
    [
      'non-nullable rejects null',
      { body: { ...user, age: null } },
      ['body: request body at /age must be integer, got null'],
    ],
    [
      'int32 format',
      { body: { ...user, age: 2 ** 31 } },
      ['body: request body at /age must match format "int32", got 2147483648'],
    ],
    [
      'enum',
      { body: { ...user, role: 'root' } },
      [
        'body: request body at /role must be equal to one of the allowed values: ["user","admin",null], got "root"',
      ],
    ],
    [
      'additional property named',
      { body: { ...user, isAdmin: true } },
      ['body: request body must NOT have additional properties: "isAdmin"'],
    ],
    [
      'secret values are not echoed',
      { body: { ...user, password: 'short' } },
      ['body: request body at /password must NOT have fewer than 8 characters'],
    ],
    [
      'missing required',
      { body: { name: 'Ada' } },
      ["body: request body must have required property 'password'"],
    ],
    ['missing body', { body: undefined }, ['body: request body is required']],
    ['content type with parameters', { contentType: 'application/json; charset=utf-8', body: user }, []],
    [
      'undescribed content type',
      { contentType: 'text/xml', body: '<a/>' },
      ['body: request body content type "text/xml" is not described; expected one of: application/json'],
    ],
    [
      'no content type',
      { contentType: undefined, body: user },
      ['body: request body has no content type; expected one of: application/json'],
    ],
  ])('%s', (_, overrides, expected) => {
    const issues = createUser.validateRequest({
      params: {},
      query: {},
      headers: {},
      contentType: 'application/json',
      ...overrides,
    } as RequestInput);
    expect(issues.map((i) => `${i.location}: ${i.message}`)).toEqual(expected);
  });

  it('reports the pointer inside the body', () => {
    const [issue] = createUser.validateRequest({
      params: {},
      query: {},
      headers: {},
      contentType: 'application/json',
      body: { ...user, manager: { id: 'x' } },
    });
    expect(issue).toMatchObject({ location: 'body', pointer: '/manager/id' });
  });

  const createPet = validatorFor(op('POST /pets'));
  const allowed = '["cat","dog","Bird"]';
  it.each<[string, unknown, string[]]>([
    ['cat by a pointer mapping', { petType: 'cat', lives: 9 }, []],
    ['dog by a name mapping', { petType: 'dog', bark: true }, []],
    ['bird by its implicit component name', { petType: 'Bird', wings: 2 }, []],
    [
      'cat validated as a cat',
      { petType: 'cat', lives: 10 },
      ['request body at /lives must be <= 9, got 10'],
    ],
    [
      'dog validated as a dog',
      { petType: 'dog', bark: 'loud' },
      ['request body at /bark must be boolean, got "loud"'],
    ],
    [
      'bird validated as a bird',
      { petType: 'Bird', wings: 3 },
      ['request body at /wings must be equal to constant, got 3'],
    ],
    [
      'unknown value',
      { petType: 'Cow' },
      [`request body at /petType must be equal to one of the allowed values: ${allowed}, got "Cow"`],
    ],
    [
      'a mapped schema is not reachable by its name',
      { petType: 'Dog' },
      [`request body at /petType must be equal to one of the allowed values: ${allowed}, got "Dog"`],
    ],
    ['missing discriminator', { lives: 1 }, ["request body must have required property 'petType'"]],
  ])('discriminator: %s', (_, body, expected) => {
    const issues = createPet.validateRequest({
      params: {},
      query: {},
      headers: {},
      contentType: 'application/json',
      body,
    });
    expect(issues.map((i) => i.message)).toEqual(expected);
  });

  const createTree = validatorFor(op('POST /trees'));
  it.each<[string, unknown, string[]]>([
    ['a deep valid tree', { value: 1, children: [{ value: 2, children: [{ value: 3 }] }, { value: 4 }] }, []],
    [
      'an invalid node deep down',
      { value: 1, children: [{ value: 2, children: [{ value: 'x' }] }] },
      ['/children/0/children/0/value'],
    ],
  ])('recursive schema: %s', (_, body, pointers) => {
    const issues = createTree.validateRequest({
      params: {},
      query: {},
      headers: {},
      contentType: 'application/json',
      body,
    });
    expect(issues.map((i) => i.pointer)).toEqual(pointers);
  });

  it('translates boolean exclusiveMinimum and ignores unknown formats', () => {
    const bounds = validatorFor(op('GET /bounds'));
    const check = (query: string) =>
      bounds.validateRequest({ params: {}, query: new URLSearchParams(query), headers: {} });
    expect(check('n=0.5&odd=anything')).toEqual([]);
    expect(check('n=0').map((i) => i.message)).toEqual(['query parameter "n" must be > 0, got "0"']);
  });

  it('leaves parameter values as strings when coercion is off', () => {
    const strict = compileValidators(model30, { coerceTypes: false })(op('GET /users/{id}'));
    expect(strict.validateRequest(baseRequest).map((i) => i.message)).toEqual([
      'path parameter "id" must be integer, got "7"',
    ]);
  });

  it('skips format validation when formats are off', () => {
    const loose = compileValidators(model30, { formats: false })(op('GET /users/{id}'));
    expect(loose.validateRequest({ ...baseRequest, headers: { 'x-request-id': 'nope' } })).toEqual([]);
  });

  it('does not mutate the body while validating', () => {
    const body = { ...user, age: 3 };
    const frozen = Object.freeze(body);
    createUser.validateRequest({
      params: {},
      query: {},
      headers: {},
      contentType: 'application/json',
      body: frozen,
    });
    expect(body).toEqual({ ...user, age: 3 });
  });

  it('compiles each operation once', () => {
    expect(validatorFor(op('POST /users'))).toBe(createUser);
  });
});

describe('compileValidators: responses', () => {
  const getUser = validatorFor(op('GET /users/{id}'));
  it.each<[string, number, string | undefined, unknown, string[]]>([
    ['valid body; writeOnly password not required', 200, 'application/json', { id: 1, name: 'Ada' }, []],
    [
      'readOnly id is required in a response',
      200,
      'application/json',
      { name: 'Ada' },
      ["response body must have required property 'id'"],
    ],
    ['status range 4XX', 404, 'application/problem+json', { title: 'Not found' }, []],
    [
      'status range body invalid',
      404,
      'application/problem+json',
      {},
      ["response body must have required property 'title'"],
    ],
    [
      'undescribed status',
      500,
      'application/json',
      {},
      ['response status 500 is not described (described: 200, 204, 4XX)'],
    ],
    [
      'body where none is described',
      204,
      'application/json',
      {},
      ['response body is not expected: status 204 describes none'],
    ],
    ['no body where none is described', 204, undefined, undefined, []],
    [
      'wrong content type',
      200,
      'text/html',
      '<p>',
      ['response body content type "text/html" is not described; expected one of: application/json'],
    ],
  ])('%s', (_, status, contentType, body, expected) => {
    expect(getUser.validateResponse(status, contentType, body).map((i) => i.message)).toEqual(expected);
  });

  it('falls back to the default response', () => {
    expect(validatorFor(op('POST /pets')).validateResponse(503, undefined, undefined)).toEqual([]);
  });
});

describe('compileValidators: OpenAPI 3.1 (JSON Schema 2020-12)', () => {
  const doc31: Doc = {
    openapi: '3.1.0',
    info: { title: 'test', version: '1' },
    paths: {
      '/things': {
        post: {
          parameters: [{ name: 'mode', in: 'query', schema: { type: ['integer', 'null'] } }],
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          responses: {},
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          $defs: { label: { type: 'string', minLength: 1 } },
          type: 'object',
          properties: {
            kind: { const: 'thing' },
            note: { type: ['string', 'null'] },
            point: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false },
            label: { $ref: '#/components/schemas/Thing/$defs/label' },
            size: { type: 'integer', exclusiveMinimum: 0 },
          },
        },
      },
    },
  };
  const model31 = modelFrom(doc31, '3.1');
  const things = compileValidators(model31)(model31.operations[0]!);
  const request = (body: unknown, query = '') => ({
    params: {},
    query: new URLSearchParams(query),
    headers: {},
    contentType: 'application/json',
    body,
  });
  it.each<[string, unknown, string[]]>([
    ['valid', { kind: 'thing', note: null, point: [1, 2], label: 'a', size: 1 }, []],
    ['type array rejects other types', { note: 3 }, ['request body at /note must be string,null, got 3']],
    ['const', { kind: 'other' }, ['request body at /kind must be equal to constant, got "other"']],
    [
      'prefixItems with items: false',
      { point: [1, 2, 3] },
      ['request body at /point must NOT have more than 2 items'],
    ],
    ['prefixItems item type', { point: [1, 'x'] }, ['request body at /point/1 must be number, got "x"']],
    [
      '$defs via $ref',
      { label: '' },
      ['request body at /label must NOT have fewer than 1 characters, got ""'],
    ],
    ['numeric exclusiveMinimum', { size: 0 }, ['request body at /size must be > 0, got 0']],
  ])('%s', (_, body, expected) => {
    expect(things.validateRequest(request(body)).map((i) => i.message)).toEqual(expected);
  });

  it('coerces a query string under a type array', () => {
    expect(things.validateRequest(request({}, 'mode=3'))).toEqual([]);
    expect(things.validateRequest(request({}, 'mode=x')).map((i) => i.name)).toEqual(['mode']);
  });
});

describe('compileValidators: schemas that cannot be compiled', () => {
  const broken = modelFrom({
    openapi: '3.0.3',
    info: { title: 'broken', version: '1' },
    paths: {
      '/broken': {
        get: {
          parameters: [{ name: 'q', in: 'query', schema: { type: 'strin' } }],
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Missing' } } } },
          },
        },
      },
      '/fine': {
        get: { parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }], responses: {} },
      },
    },
  });
  const factory = compileValidators(broken);

  it('throws one coded error per operation naming it, each pointer and ajv message', () => {
    let error: unknown;
    try {
      factory(broken.operations[0]!);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RampartValidationError);
    const failure = error as RampartValidationError;
    expect(failure.code).toBe('RAMPART_ERR_OPENAPI_SCHEMA_COMPILE');
    expect(failure.message).toContain('GET /broken');
    expect(failure.problems.map((p) => p.path)).toEqual([
      '/paths/~1broken/get/parameters/0/schema',
      '/paths/~1broken/get/responses/200/content/application~1json/schema',
    ]);
    expect(failure.problems[0]!.message).toContain('type must be JSONType');
    expect(failure.problems[1]!.message).toContain('Missing');
    expect(failure.problems[0]!.location).toEqual({
      file: 'test.yaml',
      line: 1,
      pointer: failure.problems[0]!.path,
    });
    expect(() => factory(broken.operations[0]!)).toThrow(failure);
  });

  it('still compiles the other operations', () => {
    expect(
      factory(broken.operations[1]!).validateRequest({ params: {}, query: { q: 'x' }, headers: {} }),
    ).toEqual([]);
  });
});
