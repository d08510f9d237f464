import { describeRule, yamlDoc } from '../../test-rule.js';
import { emptySecurityOverride } from './empty-security-override.js';

describeRule(emptySecurityOverride, [
  {
    name: 'Swagger 2.0 override',
    document: yamlDoc(
      `
      securityDefinitions: { key: { type: apiKey, in: header, name: X-Key } }
      security: [ { key: [] } ]
      paths:
        /reports:
          get:
            security: []
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: 'GET /reports overrides' }],
  },
  {
    name: 'near miss: no global security to override',
    document: yamlDoc(`
      paths:
        /reports:
          get:
            security: []
            responses: { '200': { description: ok } }
    `),
    expect: 0,
  },
  {
    name: 'near miss: override declared public',
    document: yamlDoc(
      `
      components: { securitySchemes: { key: { type: apiKey, in: header, name: X-Key } } }
      security: [ { key: [] } ]
      paths:
        /status:
          get:
            x-public: true
            security: []
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
