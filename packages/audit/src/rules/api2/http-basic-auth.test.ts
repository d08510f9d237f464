import { describeRule, yamlDoc } from '../../test-rule.js';
import { httpBasicAuth } from './http-basic-auth.js';

describeRule(httpBasicAuth, [
  {
    name: 'Swagger 2.0 basic over plain http is high',
    document: yamlDoc(
      `
      host: api.example.com
      schemes: [http]
      securityDefinitions: { basic: { type: basic } }
      paths: {}
      `,
      '2.0',
    ),
    expect: [{ severity: 'high', message: 'security scheme "basic" uses HTTP basic' }],
  },
  {
    name: '3.1 digest',
    document: yamlDoc(
      `
      components: { securitySchemes: { d: { type: http, scheme: Digest } } }
      paths: {}
      `,
      '3.1',
    ),
    expect: [{ severity: 'medium', message: 'HTTP digest' }],
  },
  {
    name: 'near miss: bearer',
    document: yamlDoc(`
      components: { securitySchemes: { b: { type: http, scheme: bearer } } }
      paths: {}
    `),
    expect: 0,
  },
]);
