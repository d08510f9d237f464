import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { serverWithoutDescription } from './server-without-description.js';

describeRule(serverWithoutDescription, [
  {
    name: 'two hosts, one undescribed (3.0)',
    document: oas({
      servers: [{ url: 'https://api.acme.io', description: 'Production' }, { url: 'https://eu.acme.io' }],
    }),
    expect: [{ message: /server https:\/\/eu\.acme\.io has no description/, pointer: '/servers/1' }],
  },
  {
    name: 'two hosts, both undescribed (3.1)',
    document: oas({ servers: [{ url: 'https://a.acme.io' }, { url: 'https://b.acme.io' }] }, '3.1'),
    expect: 2,
  },
  {
    name: 'near miss: a single undescribed host, even with http and https (2.0)',
    document: yamlDoc(
      `
      host: api.acme.io
      schemes: [http, https]
      paths: {}
      `,
      '2.0',
    ),
    expect: 0,
  },
]);
