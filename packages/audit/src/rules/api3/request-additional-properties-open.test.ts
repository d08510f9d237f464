import { describeRule, yamlDoc } from '../../test-rule.js';
import { requestAdditionalPropertiesOpen } from './request-additional-properties-open.js';

describeRule(requestAdditionalPropertiesOpen, [
  {
    name: 'Swagger 2.0 body parameter, nested object reported too',
    document: yamlDoc(
      `
      paths:
        /orders:
          post:
            parameters:
              - name: body
                in: body
                schema:
                  type: object
                  additionalProperties: false
                  properties: { address: { type: object, properties: { city: { type: string } } } }
            responses: { '201': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'request field "address"' }],
  },
  {
    name: 'near miss: 3.1 composition closed with unevaluatedProperties, members left open on purpose',
    document: yamlDoc(
      `
      components:
        schemas:
          Base: { type: object, properties: { id: { type: string } } }
      paths:
        /things:
          post:
            requestBody:
              content:
                application/json:
                  schema:
                    unevaluatedProperties: false
                    allOf: [ { $ref: '#/components/schemas/Base' }, { type: object, properties: { name: { type: string } } } ]
            responses: { '201': { description: ok } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
