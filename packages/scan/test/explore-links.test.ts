import { loadApiFromString } from '@rampart/openapi';
import { createHttpTransport, parseIdentities, type ScanRequest, scanTarget } from '@rampart/scan';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTinyApi, type TinyApi } from './start-tiny-api.js';

const bearer = { bearerAuth: [] };
const document = {
  openapi: '3.0.3',
  info: { title: 'tiny links', version: '1' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  security: [bearer],
  paths: {
    '/me': {
      get: {
        operationId: 'getMe',
        responses: {
          '200': {
            description: 'me',
            links: {
              profile: { operationId: 'getProfile', parameters: { pid: '$response.body#/profileKey' } },
              settings: {
                operationRef: '#/paths/~1settings~1{sk}/get',
                parameters: { 'path.sk': '$response.body#/prefs/key', 'query.view': 'full' },
              },
              unknown: { operationId: 'nowhere', parameters: { x: '$response.body#/profileKey' } },
            },
          },
        },
      },
    },
    '/profiles/{pid}': {
      get: {
        operationId: 'getProfile',
        parameters: [{ name: 'pid', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'profile' } },
      },
    },
    '/settings/{sk}': {
      get: {
        parameters: [
          { name: 'sk', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'view', in: 'query', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'settings' } },
      },
    },
    '/notes': {
      post: {
        requestBody: {
          content: {
            'application/json': { schema: { type: 'object', properties: { text: { type: 'string' } } } },
          },
        },
        responses: { '201': { description: 'created' } },
      },
    },
    '/notes/{noteRef}': {
      get: {
        parameters: [{ name: 'noteRef', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'note' } },
      },
      delete: {
        parameters: [{ name: 'noteRef', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '204': { description: 'deleted' } },
      },
    },
  },
};

describe('exploration follows OpenAPI links and Location headers', () => {
  let api: TinyApi;
  const seen: string[] = [];
  beforeAll(async () => {
    api = await startTinyApi((request, send) => {
      if (request.headers.authorization !== 'Bearer t-alice') return send(401, { error: 'login' });
      if (request.method === 'GET' && request.path === '/me')
        return send(200, { name: 'alice', profileKey: 'pk-7f3a', prefs: { key: 'sk-19' } });
      if (request.method === 'GET' && request.path === '/profiles/pk-7f3a') return send(200, { bio: 'hi' });
      if (request.method === 'GET' && request.path === '/settings/sk-19?view=full') return send(200, {});
      if (request.method === 'POST' && request.path === '/notes')
        return send(201, undefined, { location: '/notes/n-77' });
      if (request.path === '/notes/n-77') return send(request.method === 'DELETE' ? 204 : 200, { text: 'x' });
      send(404, { error: 'not found' });
    });
  });
  afterAll(() => api.close());

  it('feeds linked operations from the response and fetches what a 201 Location names', async () => {
    const model = await loadApiFromString(JSON.stringify(document), 'tiny-links.json');
    const http = createHttpTransport();
    const result = await scanTarget({
      model,
      target: api.url,
      identities: parseIdentities('identities: [{ name: alice, bearer: t-alice }]', 'ids.yaml'),
      options: {
        checks: [],
        canary: false,
        transport: {
          send(request: ScanRequest) {
            seen.push(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
            return http.send(request);
          },
        },
      },
    });
    expect(result.engineErrors).toEqual([]);
    expect(seen).toContain('GET /profiles/pk-7f3a');
    expect(seen).toContain('GET /settings/sk-19?view=full');
    expect(seen).toContain('GET /notes/n-77');
    // The note found through Location is cleaned up like any created object.
    expect(seen).toContain('DELETE /notes/n-77');
  });
});
