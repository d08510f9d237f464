import { describeRule, yamlDoc } from '../../test-rule.js';
import { authFlowWithoutRateLimit } from './auth-flow-without-rate-limit.js';

describeRule(authFlowWithoutRateLimit, [
  {
    name: 'password reset (Swagger 2.0)',
    document: yamlDoc(
      `
      paths:
        /users/password/reset:
          post:
            responses: { '204': { description: sent } }
      `,
      '2.0',
    ),
    expect: [{ message: 'password-reset operation' }],
  },
  {
    name: 'OTP verification named by operationId (3.1)',
    document: yamlDoc(
      `
      paths:
        /verify:
          post:
            operationId: verifyOtpCode
            responses: { '200': { description: ok } }
      `,
      '3.1',
    ),
    expect: [{ message: 'otp operation' }],
  },
  {
    name: 'near miss: rate-limit headers documented',
    document: yamlDoc(`
      paths:
        /oauth/token:
          post:
            responses:
              '200':
                description: ok
                headers: { X-RateLimit-Remaining: { schema: { type: integer } } }
    `),
    expect: 0,
  },
  {
    name: 'near miss: not an authentication flow',
    document: yamlDoc(`
      paths:
        /orders:
          post:
            responses: { '201': { description: ok } }
    `),
    expect: 0,
  },
]);
