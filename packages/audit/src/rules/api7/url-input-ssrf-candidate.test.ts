import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { urlInputSsrfCandidate } from './url-input-ssrf-candidate.js';

const ok = { '200': { description: 'ok' } };

describeRule(urlInputSsrfCandidate, [
  {
    name: 'pattern-restricted URL (3.0)',
    document: oas({
      paths: {
        '/fetch': {
          get: {
            parameters: [{ name: 'url', in: 'query', schema: { type: 'string', pattern: '^https://' } }],
            responses: ok,
          },
        },
      },
    }),
    expect: [
      {
        message: /query parameter "url" takes a URL restricted by the pattern "\^https:\/\/"/,
        severity: 'info',
      },
    ],
  },
  {
    name: 'enum-restricted URL in 2.0',
    document: yamlDoc(
      `
      paths:
        /fetch:
          get:
            parameters: [{ name: feed, in: query, type: string, enum: ['https://a.example.com/rss'] }]
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: [{ message: /restricted by an enum/ }],
  },
  {
    name: 'near miss: unconstrained URLs belong to url-input-without-allowlist',
    document: oas(
      {
        paths: {
          '/fetch': {
            get: { parameters: [{ name: 'url', in: 'query', schema: { type: 'string' } }], responses: ok },
          },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
]);
