import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { infoWithoutContact } from './info-without-contact.js';

describeRule(infoWithoutContact, [
  {
    name: 'no contact (3.0)',
    document: oas({}),
    expect: [{ message: /the API has no info\.contact/, pointer: '/info' }],
  },
  {
    name: 'empty contact (2.0)',
    document: yamlDoc('paths: {}', '2.0').replace('version: 1.0.0', 'version: 1.0.0\n  contact: {}'),
    expect: 1,
  },
  {
    name: 'near miss: contact with an email (3.1)',
    document: oas({ info: { title: 'T', version: '1', contact: { email: 'api@acme.io' } } }, '3.1'),
    expect: 0,
  },
]);
