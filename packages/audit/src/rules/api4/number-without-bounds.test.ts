import { describeRule, yamlDoc } from '../../test-rule.js';
import { numberWithoutBounds } from './number-without-bounds.js';

describeRule(numberWithoutBounds, [
  {
    name: 'Swagger 2.0 query integer without maximum',
    document: yamlDoc(
      `
      paths:
        /render:
          get:
            parameters: [ { name: width, in: query, type: integer, minimum: 1 } ]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'query parameter "width" is a number without maximum' }],
  },
  {
    name: 'near miss: bounded numbers (3.1 exclusiveMaximum)',
    document: yamlDoc(
      `
      paths:
        /render:
          post:
            requestBody:
              content:
                application/json:
                  schema: { type: object, properties: { w: { type: integer, maximum: 4096 }, q: { type: number, exclusiveMaximum: 1 } } }
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
