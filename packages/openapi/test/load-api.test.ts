import { fileURLToPath } from 'node:url';
import { loadApi, loadApiFromString, walkSchema } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';

/** The value at a path of keys, for asserting on loosely typed documents and schemas. */
function dig(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = (current as Record<string, unknown> | undefined)?.[key];
  return current;
}

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('loadApi: OpenAPI 3.0, several files', async () => {
  const api = await loadApi(fixture('good/multi/openapi.yaml'));
  const byKey = new Map(api.operations.map((op) => [op.key, op]));

  it('reads the version, info and every operation, including one behind a path-item $ref', () => {
    expect(api.specVersion).toBe('3.0');
    expect(api.versionString).toBe('3.0.3');
    expect(api.info).toEqual({ title: 'Pets', version: '1.0.0' });
    expect([...byKey.keys()].sort()).toEqual(['DELETE /pets/{petId}', 'GET /pets/{petId}', 'POST /pets']);
  });

  it('merges path-item and operation parameters, the operation winning on name + in', () => {
    const get = byKey.get('GET /pets/{petId}')!;
    expect(get.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:petId', 'query:verbose']);
    const verbose = get.parameters[1]!;
    expect(verbose.description).toBe('operation-level wins');
    expect(verbose.schema).toEqual({ type: 'integer' });
    expect(get.parameters[0]!.required).toBe(true);
  });

  it('gives effective security and where it came from', () => {
    expect(byKey.get('GET /pets/{petId}')!.securitySource).toBe('document');
    expect(byKey.get('GET /pets/{petId}')!.security).toEqual([{ bearer: [] }]);
    expect(byKey.get('DELETE /pets/{petId}')!.securitySource).toBe('operation');
    expect(byKey.get('DELETE /pets/{petId}')!.security).toEqual([]);
    expect(api.securitySchemes['bearer']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('computes server base paths with variables substituted', () => {
    expect(api.servers).toHaveLength(1);
    expect(api.servers[0]).toMatchObject({
      basePath: '/v1',
      variables: { region: { default: 'eu', enum: ['eu', 'us'] } },
    });
    expect(byKey.get('POST /pets')!.servers).toBe(api.servers);
  });

  it('replaces refs across files with the same object, and recursive refs with cycles', () => {
    const get = byKey.get('GET /pets/{petId}')!;
    const post = byKey.get('POST /pets')!;
    const petFromGet = get.responses.find((r) => r.status === '200')!.content[0]!.schema!;
    const petFromPost = post.requestBody!.content[0]!.schema!;
    expect(petFromGet).toBe(petFromPost);
    const owner = (petFromGet['properties'] as Record<string, Record<string, unknown>>)['owner']!;
    const items = (owner['properties'] as Record<string, Record<string, unknown>>)['pets']!['items'];
    expect(items).toBe(petFromGet);
    const tree = api.schemas.find((s) => s.name === 'Tree')!.schema;
    const children = (tree['properties'] as Record<string, Record<string, unknown>>)['children']!;
    expect(children['items']).toBe(tree);
    let count = 0;
    walkSchema(tree, () => void count++);
    expect(count).toBeGreaterThan(3);
  });

  it('keeps $refs in the document, and leaves data members (example) alone', () => {
    const error = dig(api.document, 'components', 'schemas', 'Error');
    expect(dig(error, 'properties', 'example')).toEqual({ $ref: '#/components/schemas/Tree' });
    const resolved = api.schemas.find((s) => s.name === 'Error')!.schema;
    expect(dig(resolved, 'example')).toEqual({ $ref: 'not-a-reference-just-data' });
    // A property *named* example is a schema, so it is resolved.
    expect(dig(resolved, 'properties', 'example')).toBe(api.schemas.find((s) => s.name === 'Tree')!.schema);
  });

  it('turns callbacks into operations', () => {
    const callbacks = byKey.get('POST /pets')!.callbacks['onAdopted']!;
    expect(callbacks.map((op) => op.key)).toEqual(['POST {$request.body#/callbackUrl}']);
  });

  it('locates nodes in the file they were written in', () => {
    const get = byKey.get('GET /pets/{petId}')!;
    expect(api.locatePointer(get.pointer)).toMatchObject({
      line: 25,
      column: 5,
      pointer: '/paths/~1pets~1{petId}/get',
    });
    const pet = get.responses[0]!.content[0]!.schema!;
    const where = api.locate(pet)!;
    expect(where.file.endsWith('schemas/pet.yaml')).toBe(true);
    expect(where).toMatchObject({ line: 1, column: 1, pointer: '/Pet' });
    expect(api.locate(get)).toMatchObject({ line: 25 });
    const post = byKey.get('POST /pets')!;
    expect(api.locatePointer(post.pointer)!.file.endsWith('paths/pets.yaml')).toBe(true);
    // A pointer to a scalar gives the line of its key.
    expect(api.locatePointer('/info/title')).toMatchObject({ line: 3, column: 3, pointer: '/info/title' });
  });
});

describe('loadApi limits', () => {
  it('refuses a description that pulls in more than maxDocuments files', async () => {
    await expect(loadApi(fixture('good/multi/openapi.yaml'), { maxDocuments: 2 })).rejects.toMatchObject({
      code: 'RAMPART_ERR_OPENAPI_LIMIT',
      message: expect.stringMatching(/\$ref "\.\/paths\/pets\.yaml" would pull in more than 2 documents/),
      location: { line: 48, column: 5 },
    });
  });

  it('refuses a file over maxBytes before reading it', async () => {
    await expect(loadApi(fixture('good/petstore-2.0.yaml'), { maxBytes: 100 })).rejects.toMatchObject({
      code: 'RAMPART_ERR_OPENAPI_LIMIT',
      message: expect.stringMatching(
        /petstore-2\.0\.yaml is 2\.\d KiB, over the 100 bytes limit per document/,
      ),
    });
  });

  it('rejects nonsense options as a programming error', async () => {
    await expect(loadApi(fixture('good/petstore-2.0.yaml'), { maxDepth: -1 })).rejects.toThrow(TypeError);
  });
});

describe('loadApi: OpenAPI 3.1', async () => {
  const api = await loadApi(fixture('good/webhooks-3.1.json'));

  it('loads webhooks without paths and records the dialect', () => {
    expect(api.specVersion).toBe('3.1');
    expect(api.operations).toEqual([]);
    expect(api.webhooks.map((w) => [w.key, w.isWebhook])).toEqual([['POST newPet', true]]);
  });

  it('drops annotation siblings of $ref but keeps constraints as allOf', () => {
    const pet = api.schemas.find((s) => s.name === 'Pet')!.schema;
    expect(api.webhooks[0]!.requestBody!.content[0]!.schema).toBe(pet);
    const id = api.schemas.find((s) => s.name === 'Id')!.schema;
    expect(dig(pet, 'properties', 'id')).toEqual({ readOnly: true, allOf: [id] });
    expect(dig(pet, 'properties', 'id', 'allOf', '0')).toBe(id);
    expect(dig(pet, 'properties', 'tag', 'type')).toEqual(['string', 'null']);
  });

  it('locates JSON nodes by line and column', () => {
    const pet = api.schemas.find((s) => s.name === 'Pet')!.schema;
    expect(api.locate(pet)).toMatchObject({ line: 20, column: 14, pointer: '/components/schemas/Pet' });
    expect(api.locatePointer('/webhooks/newPet/post')).toMatchObject({ line: 6, column: 15 });
  });
});

describe('loadApi: Swagger 2.0', async () => {
  const api = await loadApi(fixture('good/petstore-2.0.yaml'));
  const byKey = new Map(api.operations.map((op) => [op.key, op]));

  it('converts host, basePath and schemes into servers', () => {
    expect(api.specVersion).toBe('2.0');
    expect(api.servers.map((s) => [s.url, s.basePath])).toEqual([
      ['https://petstore.example.com/v2', '/v2'],
      ['http://petstore.example.com/v2', '/v2'],
    ]);
  });

  it('converts security definitions, oauth2 flows included', () => {
    expect(api.securitySchemes['petstore_auth']).toMatchObject({
      type: 'oauth2',
      flows: {
        authorizationCode: {
          authorizationUrl: 'https://auth.example.com/authorize',
          tokenUrl: 'https://auth.example.com/token',
          scopes: { 'write:pets': 'modify pets' },
        },
      },
    });
    expect(api.securitySchemes['api_key']).toMatchObject({
      type: 'apiKey',
      in: 'header',
      paramName: 'X-API-Key',
    });
    expect(api.securitySchemes['basic']).toMatchObject({ type: 'http', scheme: 'basic' });
    expect(byKey.get('POST /pets')!.security).toEqual([{ petstore_auth: ['write:pets'] }]);
    expect(byKey.get('GET /pets')!.securitySource).toBe('document');
  });

  it('converts parameters, body and formData into 3.x shapes', () => {
    const list = byKey.get('GET /pets')!;
    expect(list.parameters.map((p) => [p.name, p.in, p.schema, p.style, p.explode])).toEqual([
      ['limit', 'query', { type: 'integer', maximum: 100 }, undefined, undefined],
      ['tags', 'query', { type: 'array', items: { type: 'string' } }, 'form', true],
    ]);
    const create = byKey.get('POST /pets')!;
    const pet = api.schemas.find((s) => s.name === 'Pet')!.schema;
    expect(create.requestBody).toMatchObject({
      required: true,
      content: [{ mediaType: 'application/json' }],
    });
    expect(create.requestBody!.content[0]!.schema).toBe(pet);
    const upload = byKey.get('POST /pets/{id}/photo')!;
    expect(upload.parameters.map((p) => p.name)).toEqual(['id']);
    expect(upload.requestBody!.content[0]).toMatchObject({
      mediaType: 'multipart/form-data',
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' }, caption: { type: 'string' } },
      },
    });
  });

  it('converts responses and definitions, with refs rewritten and schemas normalized', () => {
    const list = byKey.get('GET /pets')!;
    const ok = list.responses.find((r) => r.status === '200')!;
    expect(ok.headers).toEqual([
      expect.objectContaining({ name: 'X-Rate-Limit', schema: { type: 'integer' } }),
    ]);
    const pet = api.schemas.find((s) => s.name === 'Pet')!.schema;
    expect(dig(ok.content[0]!.schema, 'items')).toBe(pet);
    expect(dig(pet, 'discriminator')).toEqual({ propertyName: 'kind' });
    expect(dig(pet, 'properties', 'parent')).toBe(pet);
    expect(dig(pet, 'properties', 'nickname', 'nullable')).toBe(true);
    const error = list.responses.find((r) => r.status === 'default')!;
    expect(error.content[0]!.schema).toBe(api.schemas.find((s) => s.name === 'Error')!.schema);
    expect(dig(api.document, 'paths', '/pets', 'get', 'responses', 'default')).toEqual({
      $ref: '#/components/responses/Error',
    });
  });

  it('locates converted nodes in the original 2.0 file', () => {
    const pet = api.schemas.find((s) => s.name === 'Pet')!.schema;
    expect(api.locate(pet)).toMatchObject({ line: 94, column: 3, pointer: '/definitions/Pet' });
    const upload = byKey.get('POST /pets/{id}/photo')!;
    expect(api.locatePointer(upload.pointer)).toMatchObject({
      line: 75,
      column: 5,
      pointer: '/paths/~1pets~1{id}~1photo/post',
    });
    expect(api.locate(upload.requestBody!)).toMatchObject({ line: 75 });
    expect(api.locatePointer('/components/schemas/Pet')).toMatchObject({ line: 94 });
  });
});

describe('loadApiFromString', () => {
  it('loads YAML text, resolving relative refs against the given file name', async () => {
    const text = `openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: './schemas/pet.yaml#/Pet'}\n`;
    const api = await loadApiFromString(text, fixture('good/multi/inline.yaml'));
    expect(api.operations[0]!.responses[0]!.content[0]!.schema).toMatchObject({ required: ['id', 'name'] });
    expect(api.locatePointer('/paths/~1a/get')).toMatchObject({
      line: 5,
      column: 5,
      pointer: '/paths/~1a/get',
    });
  });

  it('accepts an unquoted YAML version number (openapi: 3.0 parses as the number 3)', async () => {
    const api = await loadApiFromString(
      'openapi: 3.0\ninfo: {title: t, version: 1}\npaths: {}\n',
      'api.yaml',
    );
    expect(api.specVersion).toBe('3.0');
    expect(api.info.version).toBe('1');
  });

  it('refuses text over maxBytes before parsing it', async () => {
    await expect(loadApiFromString('x'.repeat(2000), 'big.yaml', { maxBytes: 1000 })).rejects.toMatchObject({
      code: 'RAMPART_ERR_OPENAPI_LIMIT',
    });
  });

  it('treats __proto__ keys as plain data', async () => {
    const api = await loadApiFromString(
      '{"openapi":"3.1.0","info":{"title":"t","version":"1"},"components":{"schemas":{"__proto__":{"type":"string"}}}}',
      'proto.json',
    );
    expect(api.schemas.map((s) => s.name)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['type']).toBeUndefined();
  });
});
