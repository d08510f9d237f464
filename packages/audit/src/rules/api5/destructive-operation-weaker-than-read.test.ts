import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { destructiveOperationWeakerThanRead } from './destructive-operation-weaker-than-read.js';

const components = {
  securitySchemes: {
    oauth: {
      type: 'oauth2',
      flows: {
        clientCredentials: {
          tokenUrl: 'https://auth.example.com/token',
          scopes: { 'pets:read': 'read', 'pets:write': 'write', 'pets:admin': 'admin' },
        },
      },
    },
    apiKey: { type: 'apiKey', in: 'header', name: 'X-Key' },
  },
};
const ok = { '200': { description: 'ok' } };

describeRule(destructiveOperationWeakerThanRead, [
  {
    name: 'DELETE on the item needs no scope while GET of it needs one (3.0)',
    document: oas({
      components,
      paths: {
        '/pets/{id}': {
          get: { security: [{ oauth: ['pets:read'] }], responses: ok },
          delete: { security: [{ oauth: [] }], responses: ok },
        },
      },
    }),
    expect: [
      {
        message:
          /DELETE \/pets\/\{id\} accepts oauth but GET \/pets\/\{id\} on the same resource requires oauth\[pets:read\]/,
        operations: 1,
      },
    ],
  },
  {
    name: 'PUT with one scheme while GET needs two (3.0)',
    document: oas({
      components,
      paths: {
        '/pets/{id}': {
          get: { security: [{ oauth: ['pets:read'], apiKey: [] }], responses: ok },
          put: { security: [{ oauth: ['pets:read'] }], responses: ok },
        },
      },
    }),
    expect: 1,
  },
  {
    name: 'POST on the collection is anonymous while GET of an item is secured (3.1)',
    document: oas(
      {
        components,
        paths: {
          '/pets': { post: { security: [], responses: ok } },
          '/pets/{id}': { get: { security: [{ apiKey: [] }], responses: ok } },
        },
      },
      '3.1',
    ),
    expect: [{ message: /POST \/pets accepts none/, pointer: '/paths/~1pets/post' }],
  },
  {
    name: 'PATCH with optional auth while GET requires a key (2.0)',
    document: yamlDoc(
      `
      securityDefinitions:
        apiKey: { type: apiKey, in: header, name: X-Key }
      security: [{ apiKey: [] }]
      paths:
        /pets/{id}:
          parameters: [{ name: id, in: path, required: true, type: string }]
          get: { responses: { '200': { description: ok } } }
          patch: { security: [{}, { apiKey: [] }], responses: { '200': { description: ok } } }
      `,
      '2.0',
    ),
    expect: [{ message: /PATCH \/pets\/\{id\} accepts none or apiKey/ }],
  },
  {
    name: 'near miss: write needs a different scope than read (neither is a subset)',
    document: oas({
      components,
      paths: {
        '/pets/{id}': {
          get: { security: [{ oauth: ['pets:read'] }], responses: ok },
          delete: { security: [{ oauth: ['pets:write'] }], responses: ok },
        },
      },
    }),
    expect: 0,
  },
  {
    name: 'near miss: the read lists every accepted scope (any-of style), the write names its own',
    document: oas({
      components,
      paths: {
        '/pets/{id}': {
          get: { security: [{ oauth: ['pets:read', 'pets:write', 'pets:admin'] }], responses: ok },
          delete: { security: [{ oauth: ['pets:write'] }], responses: ok },
        },
      },
    }),
    expect: 0,
  },
  {
    name: 'near miss: read is public, write is secured',
    document: oas({
      components,
      paths: {
        '/pets': {
          get: { security: [], responses: ok },
          post: { security: [{ apiKey: [] }], responses: ok },
        },
      },
    }),
    expect: 0,
  },
  {
    name: 'near miss: weaker write on a different (deeper) resource',
    document: oas({
      components,
      paths: {
        '/pets/{id}': { get: { security: [{ oauth: ['pets:admin'] }], responses: ok } },
        '/pets/{id}/photos': { post: { security: [{ oauth: [] }], responses: ok } },
      },
    }),
    expect: 0,
  },
]);
