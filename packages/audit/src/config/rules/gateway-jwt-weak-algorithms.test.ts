import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayJwtWeakAlgorithms } from './gateway-jwt-weak-algorithms.js';

const issuer = (extra: Record<string, unknown>) => ({
  policies: { jwt: { issuers: [{ issuer: 'https://idp.example/', audience: ['api'], ...extra }] } },
});

describeGatewayConfigRule(gatewayJwtWeakAlgorithms, [
  {
    name: 'HS256 next to a JWKS URL',
    config: issuer({ algorithms: ['RS256', 'HS256'], jwksUri: 'https://idp.example/jwks' }),
    expect: [
      {
        pointer: '/policies/jwt/issuers/0/algorithms',
        message: 'HS256 next to a JWKS URL',
        severity: 'high',
      },
    ],
  },
  {
    name: 'alg none',
    config: issuer({ algorithms: ['none'], keys: [] }),
    expect: [{ message: '"none"', severity: 'critical' }],
  },
  {
    name: 'near miss: ES256 with JWKS',
    config: issuer({ algorithms: ['ES256'], jwksUri: 'https://idp.example/jwks' }),
    expect: 0,
  },
  {
    name: 'near miss: HS256 with a static secret',
    config: issuer({ algorithms: ['HS256'], secretFromEnv: 'JWT_SECRET' }),
    expect: 0,
  },
]);
