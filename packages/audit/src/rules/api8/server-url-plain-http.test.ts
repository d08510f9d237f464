import { describeRule, oas, yamlDoc } from '../../test-rule.js';
import { serverUrlPlainHttp } from './server-url-plain-http.js';

describeRule(serverUrlPlainHttp, [
  {
    name: 'public http server is high, localhost is low (3.0)',
    document: oas({ servers: [{ url: 'http://api.acme.io/v1' }, { url: 'http://localhost:8080' }] }),
    expect: [
      {
        message: /server http:\/\/api\.acme\.io\/v1 uses plain http/,
        severity: 'high',
        pointer: '/servers/0',
      },
      { message: /\(a loopback host\)/, severity: 'low' },
    ],
  },
  {
    name: 'scheme variable that allows http (3.1)',
    document: oas(
      {
        servers: [
          {
            url: '{scheme}://api.acme.io',
            variables: { scheme: { default: 'https', enum: ['https', 'http'] } },
          },
        ],
      },
      '3.1',
    ),
    expect: [{ message: /allows the scheme http/ }],
  },
  {
    name: 'Swagger 2.0 schemes: [http]',
    document: yamlDoc(
      `
      host: api.acme.io
      schemes: [http]
      paths: {}
      `,
      '2.0',
    ),
    expect: [{ severity: 'high' }],
  },
  {
    name: 'near miss: https servers and relative URLs',
    document: oas({ servers: [{ url: 'https://api.acme.io' }, { url: '/v1' }] }),
    expect: 0,
  },
]);
