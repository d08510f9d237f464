import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { multipleApiVersions } from './multiple-api-versions.js';

const ok = { '200': { description: 'ok' } };

describeRule(multipleApiVersions, [
  {
    name: '/v1 and /v2 side by side: one finding on the v1 operations (3.0)',
    document: oas({
      paths: {
        '/v1/pets': { get: { responses: ok }, post: { responses: ok } },
        '/v2/pets': { get: { responses: ok } },
      },
    }),
    expect: [
      {
        message: /2 operation\(s\) of API version v1 \(e\.g\. GET \/v1\/pets\) live beside v2/,
        severity: 'medium',
        operations: 2,
      },
    ],
  },
  {
    name: 'old version all deprecated is low (2.0); v10 sorts after v9',
    document: yamlDoc(
      `
      paths:
        /api/v9/pets: { get: { deprecated: true, responses: { '200': { description: ok } } } }
        /api/v10/pets: { get: { responses: { '200': { description: ok } } } }
      `,
      '2.0',
    ),
    expect: [{ message: /version v9 .* live beside v10 \(deprecated\)/, severity: 'low' }],
  },
  {
    name: 'near miss: one version only, and version-like words that are not segments (3.1)',
    document: oas(
      { paths: { '/v1/pets': { get: { responses: ok } }, '/v1/stores/v2ray': { get: { responses: ok } } } },
      '3.1',
    ),
    expect: 0,
  },
]);
