import { describeRule, yamlDoc } from '../../test-rule.js';
import { oauthPasswordFlow } from './oauth-password-flow.js';

describeRule(oauthPasswordFlow, [
  {
    name: 'Swagger 2.0 password flow',
    document: yamlDoc(
      `
      securityDefinitions:
        oauth: { type: oauth2, flow: password, tokenUrl: 'https://a.example/token', scopes: {} }
      paths: {}
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: 3.1 authorization code',
    document: yamlDoc(
      `
      components:
        securitySchemes:
          oauth:
            type: oauth2
            flows:
              authorizationCode:
                { authorizationUrl: 'https://a.example/authorize', tokenUrl: 'https://a.example/token', scopes: {} }
      paths: {}
      `,
      '3.1',
    ),
    expect: 0,
  },
]);
