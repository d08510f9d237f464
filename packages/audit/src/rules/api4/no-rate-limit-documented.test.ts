import { describeRule, yamlDoc } from '../../test-rule.js';
import { noRateLimitDocumented } from './no-rate-limit-documented.js';

describeRule(noRateLimitDocumented, [
  {
    name: 'Swagger 2.0, many operations, one finding',
    document: yamlDoc(
      `
      paths:
        /a: { get: { responses: { '200': { description: ok } } } }
        /b: { post: { responses: { '201': { description: ok } } } }
      `,
      '2.0',
    ),
    expect: [{ message: 'none of the 2 operations' }],
  },
  {
    name: 'near miss: one operation documents RateLimit headers (3.1)',
    document: yamlDoc(
      `
      paths:
        /a: { get: { responses: { '200': { description: ok, headers: { RateLimit-Remaining: { schema: { type: integer } } } } } } }
        /b: { post: { responses: { '201': { description: ok } } } }
      `,
      '3.1',
    ),
    expect: 0,
  },
  {
    name: 'near miss: no operations at all',
    document: yamlDoc(`
      paths: {}
    `),
    expect: 0,
  },
]);
