import { describeRule, yamlDoc } from '../../test-rule.js';
import { apiKeyInQuery } from './api-key-in-query.js';

describeRule(apiKeyInQuery, [
  {
    name: 'Swagger 2.0 key in query',
    document: yamlDoc(
      `
      securityDefinitions: { key: { type: apiKey, in: query, name: token } }
      paths: {}
      `,
      '2.0',
    ),
    expect: [{ message: 'query parameter "token"' }],
  },
  {
    name: 'near miss: key in a cookie',
    document: yamlDoc(
      `
      components: { securitySchemes: { key: { type: apiKey, in: cookie, name: session } } }
      paths: {}
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
