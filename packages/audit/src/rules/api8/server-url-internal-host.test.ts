import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { serverUrlInternalHost } from './server-url-internal-host.js';

describeRule(serverUrlInternalHost, [
  {
    name: 'private IP, loopback, example host, and a production server on an internal name (3.0)',
    document: oas({
      servers: [
        { url: 'https://10.1.2.3/api' },
        { url: 'http://127.0.0.1:3000' },
        { url: 'https://api.example.com' },
        { url: 'https://api.corp.internal', description: 'Production' },
      ],
    }),
    expect: [
      { message: /10\.1\.2\.3\/api is on a private host/, severity: 'low' },
      { message: /loopback/, severity: 'low' },
      { message: /example host/, severity: 'info' },
      { message: /described as production/, severity: 'medium' },
    ],
  },
  {
    name: 'Swagger 2.0 host localhost',
    document: yamlDoc(
      `
      host: localhost:8080
      schemes: [https]
      paths: {}
      `,
      '2.0',
    ),
    expect: 1,
  },
  {
    name: 'near miss: public hosts (3.1)',
    document: oas({ servers: [{ url: 'https://api.acme.io' }, { url: 'https://8.8.8.8' }] }, '3.1'),
    expect: 0,
  },
]);
