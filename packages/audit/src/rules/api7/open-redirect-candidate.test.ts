import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { openRedirectCandidate } from './open-redirect-candidate.js';

describeRule(openRedirectCandidate, [
  {
    name: 'returnUrl on a 302 (3.0)',
    document: oas({
      paths: {
        '/logout': {
          get: {
            parameters: [{ name: 'returnUrl', in: 'query', schema: { type: 'string' } }],
            responses: { '302': { description: 'redirect' } },
          },
        },
      },
    }),
    expect: [
      {
        message:
          /GET \/logout redirects \(3xx\) and takes the redirect target query parameter "returnUrl" with no pattern/,
        severity: 'medium',
      },
    ],
  },
  {
    name: 'constrained next on a 303 is low (2.0)',
    document: yamlDoc(
      `
      paths:
        /login:
          post:
            parameters: [{ name: next, in: query, type: string, pattern: '^/' }]
            responses: { '303': { description: see other } }
      `,
      '2.0',
    ),
    expect: [{ severity: 'low' }],
  },
  {
    name: 'near miss: redirect-like input but no 3xx response',
    document: oas(
      {
        paths: {
          '/logout': {
            get: {
              parameters: [{ name: 'returnUrl', in: 'query', schema: { type: 'string' } }],
              responses: { '200': { description: 'ok' } },
            },
          },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
  {
    name: 'near miss: 3xx but the URL input is not a redirect target',
    document: oas({
      paths: {
        '/images': {
          get: {
            parameters: [{ name: 'imageUrl', in: 'query', schema: { type: 'string' } }],
            responses: { '301': { description: 'moved' } },
          },
        },
      },
    }),
    expect: 0,
  },
]);
