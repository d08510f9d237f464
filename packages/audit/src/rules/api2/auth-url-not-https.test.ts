import { describeRule, yamlDoc } from '../../test-rule.js';
import { authUrlNotHttps } from './auth-url-not-https.js';

describeRule(authUrlNotHttps, [
  {
    name: 'OpenID Connect discovery over http (3.1)',
    document: yamlDoc(
      `
      components:
        securitySchemes:
          oidc: { type: openIdConnect, openIdConnectUrl: 'http://id.example/.well-known/openid-configuration' }
      paths: {}
      `,
      '3.1',
    ),
    expect: [{ message: 'openIdConnectUrl is plain http' }],
  },
  {
    name: 'Swagger 2.0 authorization and token URLs over http: two findings',
    document: yamlDoc(
      `
      securityDefinitions:
        oauth:
          type: oauth2
          flow: accessCode
          authorizationUrl: 'http://a.example/authorize'
          tokenUrl: 'http://a.example/token'
          scopes: {}
      paths: {}
      `,
      '2.0',
    ),
    expect: 2,
  },
  {
    name: 'near miss: https everywhere',
    document: yamlDoc(`
      components:
        securitySchemes:
          oidc: { type: openIdConnect, openIdConnectUrl: 'https://id.example/.well-known/openid-configuration' }
      paths: {}
    `),
    expect: 0,
  },
]);
