import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { nonProductionServerListed } from './non-production-server-listed.js';

describeRule(nonProductionServerListed, [
  {
    name: 'staging and api-test hosts (3.0)',
    document: oas({
      servers: [
        { url: 'https://api.acme.io' },
        { url: 'https://staging.acme.io' },
        { url: 'https://api-test.acme.io' },
      ],
    }),
    expect: [
      { message: /staging\.acme\.io looks like a non-production environment \("staging"\)/ },
      { message: /"test"/ },
    ],
  },
  {
    name: 'Swagger 2.0 host dev.acme.io',
    document: yamlDoc(
      `
      host: dev.acme.io
      schemes: [https]
      paths: {}
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: sandbox offered to customers, test in the registrable domain (3.1)',
    document: oas(
      {
        servers: [
          { url: 'https://sandbox.acme.io' },
          { url: 'https://api.test.io' },
          { url: 'https://api.latest.com' },
        ],
      },
      '3.1',
    ),
    expect: 0,
  },
]);
