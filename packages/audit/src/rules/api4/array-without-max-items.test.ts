import { describeRule, yamlDoc } from '../../test-rule.js';
import { arrayWithoutMaxItems } from './array-without-max-items.js';

describeRule(arrayWithoutMaxItems, [
  {
    name: 'Swagger 2.0 array query parameter',
    document: yamlDoc(
      `
      paths:
        /items:
          get:
            parameters: [ { name: ids, in: query, type: array, items: { type: string } } ]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'query parameter "ids" is an array without maxItems' }],
  },
  {
    name: 'near miss: bounded array body (3.1)',
    document: yamlDoc(
      `
      paths:
        /items:
          post:
            requestBody: { content: { application/json: { schema: { type: array, maxItems: 100, items: { type: integer, maximum: 5 } } } } }
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
