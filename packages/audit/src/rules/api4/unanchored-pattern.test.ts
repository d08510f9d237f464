import { describeRule, yamlDoc } from '../../test-rule.js';
import { unanchoredPattern } from './unanchored-pattern.js';

describeRule(unanchoredPattern, [
  {
    name: 'Swagger 2.0 path parameter pattern without anchors',
    document: yamlDoc(
      `
      paths:
        /codes/{code}:
          get:
            parameters: [ { name: code, in: path, required: true, type: string, pattern: '[0-9]+' } ]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'path parameter "code" pattern /[0-9]+/ is not anchored' }],
  },
  {
    name: 'near miss: anchored, and deliberate "contains" patterns (3.1)',
    document: yamlDoc(
      `
      paths:
        /codes:
          get:
            parameters:
              - { name: a, in: query, schema: { type: string, pattern: '^[0-9]+$' } }
              - { name: b, in: query, schema: { type: string, pattern: '.*@example\\.com$' } }
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
