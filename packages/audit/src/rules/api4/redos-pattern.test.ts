import { describeRule, yamlDoc } from '../../test-rule.js';
import { redosPattern } from './redos-pattern.js';

describeRule(redosPattern, [
  {
    name: 'Swagger 2.0 query parameter with nested quantifier',
    document: yamlDoc(
      `
      paths:
        /search:
          get:
            parameters: [ { name: q, in: query, type: string, pattern: '^(\\w+\\s?)*$' } ]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: /query parameter "q" pattern .* is exponentially ambiguous/, severity: 'high' }],
  },
  {
    name: 'body field with adjacent overlapping loops is polynomial; maxLength lowers severity (3.1)',
    document: yamlDoc(
      `
      paths:
        /contacts:
          post:
            requestBody:
              content:
                application/json:
                  schema:
                    type: object
                    properties:
                      email: { type: string, pattern: '^\\S+@\\S+\\.\\S+$' }
                      code: { type: string, maxLength: 20, pattern: '^(a|a)*$' }
            responses: { '201': { description: ok } }
      `,
      '3.1',
    ),
    expect: [
      { message: /request field "email" .* polynomially ambiguous/, severity: 'medium' },
      { message: /request field "code" .* exponentially ambiguous.*maxLength 20/, severity: 'medium' },
    ],
  },
  {
    name: 'near miss: unambiguous patterns that merely look complex',
    document: yamlDoc(`
      paths:
        /items:
          get:
            parameters:
              - { name: slug, in: query, schema: { type: string, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } }
              - { name: date, in: query, schema: { type: string, pattern: '^\\d{4}-\\d{2}-\\d{2}$' } }
              - { name: tag, in: query, schema: { type: string, pattern: '^(ab+)+$' } }
            responses: { '200': { description: ok } }
    `),
    expect: 0,
  },
  {
    name: 'near miss: an evil pattern in a response only (not attacker input)',
    document: yamlDoc(`
      paths:
        /items:
          get:
            responses:
              '200':
                description: ok
                content: { application/json: { schema: { type: string, pattern: '^(a+)+$' } } }
    `),
    expect: 0,
  },
]);
