import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { adminOperationWithoutAuthentication } from './admin-operation-without-authentication.js';

const bearer = { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } };
const ok = { '200': { description: 'ok' } };

describeRule(adminOperationWithoutAuthentication, [
  {
    name: 'admin path opted out of the global security (3.0)',
    document: oas({
      components: bearer,
      security: [{ bearer: [] }],
      paths: {
        '/pets': { get: { responses: ok } },
        '/admin/config': { put: { security: [], responses: ok } },
      },
    }),
    expect: [
      {
        message: /PUT \/admin\/config is an admin\/internal path but has no security requirement/,
        severity: 'high',
      },
    ],
  },
  {
    name: 'admin-tagged operation with optional auth (3.1)',
    document: oas(
      {
        components: bearer,
        paths: {
          '/users/{id}/ban': {
            post: { tags: ['Admin'], security: [{}, { bearer: [] }], responses: ok },
          },
        },
      },
      '3.1',
    ),
    expect: [{ message: /described as admin-only but makes authentication optional/ }],
  },
  {
    name: 'document with no security schemes at all: softer (2.0)',
    document: yamlDoc(
      `
      paths:
        /debug/vars: { get: { responses: { '200': { description: ok } } } }
      `,
      '2.0',
    ),
    expect: [{ severity: 'medium' }],
  },
  {
    name: 'near miss: admin path with authentication',
    document: oas({
      components: bearer,
      security: [{ bearer: [] }],
      paths: { '/admin/config': { put: { responses: ok } } },
    }),
    expect: 0,
  },
  {
    name: 'near miss: ordinary public path',
    document: oas({ components: bearer, paths: { '/pets': { get: { security: [], responses: ok } } } }),
    expect: 0,
  },
]);
