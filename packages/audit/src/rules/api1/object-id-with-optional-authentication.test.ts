import { describeRule, yamlDoc } from '../../test-rule.js';
import { objectIdWithOptionalAuthentication } from './object-id-with-optional-authentication.js';

describeRule(objectIdWithOptionalAuthentication, [
  {
    name: 'document-level optional auth applies to the object operation (3.1)',
    document: yamlDoc(
      `
      components: { securitySchemes: { b: { type: http, scheme: bearer } } }
      security: [ {}, { b: [] } ]
      paths:
        /invoices/{invoiceId}:
          get:
            parameters: [ { name: invoiceId, in: path, required: true, schema: { type: string } } ]
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: [{ message: 'GET /invoices/{invoiceId} addresses object id "invoiceId"' }],
  },
  {
    name: 'near miss: optional auth on a collection without id',
    document: yamlDoc(`
      components: { securitySchemes: { b: { type: http, scheme: bearer } } }
      paths:
        /invoices:
          get:
            security: [ { b: [] }, {} ]
            responses: { '200': { description: ok } }
    `),
    expect: 0,
  },
]);
