import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { accountLookupWithoutAntiAutomation } from './account-lookup-without-anti-automation.js';

const ok = { '200': { description: 'ok' } };

describeRule(accountLookupWithoutAntiAutomation, [
  {
    name: 'username availability check (3.0)',
    document: oas({ paths: { '/usernames/{name}/available': { get: { responses: ok } } } }),
    expect: [{ message: /GET \/usernames\/\{name\}\/available reveals whether an account exists/ }],
  },
  {
    name: 'check-email by operationId (2.0)',
    document: yamlDoc(
      `
      paths:
        /signup/email:
          post:
            operationId: checkEmailExists
            responses: { '200': { description: ok } }
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: same check with a documented 429',
    document: oas(
      {
        paths: {
          '/usernames/{name}/available': {
            get: { responses: { ...ok, '429': { description: 'too many' } } },
          },
        },
      },
      '3.1',
    ),
    expect: 0,
  },
  {
    name: 'near miss: availability of a product, a group-membership check',
    document: oas({
      paths: {
        '/products/{sku}/availability': { get: { responses: ok } },
        '/groups/{id}/checkMemberObjects': { post: { responses: ok } },
      },
    }),
    expect: 0,
  },
]);
