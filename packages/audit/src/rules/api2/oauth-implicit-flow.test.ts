import { describeRule, yamlDoc } from '../../test-rule.js';
import { oauthImplicitFlow } from './oauth-implicit-flow.js';

describeRule(oauthImplicitFlow, [
  {
    name: 'Swagger 2.0 implicit flow',
    document: yamlDoc(
      `
      securityDefinitions:
        oauth: { type: oauth2, flow: implicit, authorizationUrl: 'https://a.example/authorize', scopes: {} }
      paths: {}
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: Swagger 2.0 accessCode flow',
    document: yamlDoc(
      `
      securityDefinitions:
        oauth:
          type: oauth2
          flow: accessCode
          authorizationUrl: 'https://a.example/authorize'
          tokenUrl: 'https://a.example/token'
          scopes: {}
      paths: {}
      `,
      '2.0',
    ),
    expect: 0,
  },
]);
