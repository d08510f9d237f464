import { describeRule, yamlDoc } from '../../test-rule.js';
import { mapWithoutMaxProperties } from './map-without-max-properties.js';

describeRule(mapWithoutMaxProperties, [
  {
    name: 'Swagger 2.0 body map',
    document: yamlDoc(
      `
      paths:
        /metadata:
          put:
            parameters: [ { name: body, in: body, schema: { type: object, additionalProperties: { type: string } } } ]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'request body is a map without maxProperties' }],
  },
  {
    name: 'near miss: object with declared properties and additionalProperties false (3.1)',
    document: yamlDoc(
      `
      paths:
        /metadata:
          put:
            requestBody:
              content: { application/json: { schema: { type: object, additionalProperties: false, properties: { a: { type: string } } } } }
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
