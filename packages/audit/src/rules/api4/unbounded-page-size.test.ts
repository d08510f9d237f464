import { describeRule, yamlDoc } from '../../test-rule.js';
import { unboundedPageSize } from './unbounded-page-size.js';

describeRule(unboundedPageSize, [
  {
    name: 'Swagger 2.0 per_page without maximum',
    document: yamlDoc(
      `
      paths:
        /repos:
          get:
            parameters: [ { name: per_page, in: query, type: integer, default: 30 } ]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'query parameter "per_page" of GET /repos' }],
  },
  {
    name: 'shared pageSize parameter grouped over operations (3.1)',
    document: yamlDoc(
      `
      components:
        parameters:
          PageSize: { name: pageSize, in: query, schema: { type: integer } }
      paths:
        /a:
          get: { parameters: [ { $ref: '#/components/parameters/PageSize' } ], responses: { '200': { description: ok } } }
        /b:
          get: { parameters: [ { $ref: '#/components/parameters/PageSize' } ], responses: { '200': { description: ok } } }
      `,
      '3.1',
    ),
    expect: 2,
  },
  {
    name: 'near miss: exclusiveMaximum (3.1), enum of sizes, and "page" (a number, not a size)',
    document: yamlDoc(
      `
      paths:
        /a:
          get:
            parameters:
              - { name: limit, in: query, schema: { type: integer, exclusiveMaximum: 101 } }
              - { name: size, in: query, schema: { type: integer, enum: [10, 50] } }
              - { name: page, in: query, schema: { type: integer } }
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
