import { describeRule, oas } from '../../test-rule.js';
import { adminDescribedOperationWithoutDistinctPrivilege } from './admin-described-operation-without-distinct-privilege.js';

const schemes = {
  securitySchemes: {
    bearer: { type: 'http', scheme: 'bearer' },
    adminKey: { type: 'apiKey', in: 'header', name: 'X-Admin-Key' },
  },
};
const ok = { '200': { description: 'ok' } };

describeRule(adminDescribedOperationWithoutDistinctPrivilege, [
  {
    name: '"admin only" in the description, same bearer as everything else (3.0)',
    document: oas({
      components: schemes,
      security: [{ bearer: [] }],
      paths: {
        '/pets': { get: { responses: ok } },
        '/users/{id}/role': {
          put: { description: 'Admin only. Changes the role of a user.', responses: ok },
        },
      },
    }),
    expect: [{ message: /PUT \/users\/\{id\}\/role is described as admin-only but accepts bearer/ }],
  },
  {
    name: 'admin in the operationId (3.1)',
    document: oas(
      {
        components: schemes,
        security: [{ bearer: [] }],
        paths: {
          '/pets': { get: { responses: ok } },
          '/stats': { get: { operationId: 'adminGetStats', responses: ok } },
        },
      },
      '3.1',
    ),
    expect: 1,
  },
  {
    name: 'near miss: admin-only operation with a dedicated scheme',
    document: oas({
      components: schemes,
      security: [{ bearer: [] }],
      paths: {
        '/pets': { get: { responses: ok } },
        '/users/{id}/role': {
          put: { description: 'Admin only.', security: [{ adminKey: [] }], responses: ok },
        },
      },
    }),
    expect: 0,
  },
  {
    name: 'near miss: "admin" mentioned in passing is not admin-only',
    document: oas({
      components: schemes,
      security: [{ bearer: [] }],
      paths: {
        '/pets': { get: { responses: ok } },
        '/teams/{id}': { get: { description: 'Returns the team and its admin contact.', responses: ok } },
      },
    }),
    expect: 0,
  },
]);
