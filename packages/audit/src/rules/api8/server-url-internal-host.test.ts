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
    name: 'addresses the URL parser rewrites: IPv4-mapped IPv6, hex IPv4, metadata, CGNAT, unique-local (3.0)',
    document: oas({
      servers: [
        { url: 'http://[::ffff:127.0.0.1]:8080' }, // URL.hostname is [::ffff:7f00:1]
        { url: 'http://0x7f.1/' },
        { url: 'http://[fd12:3456::1]/' },
        { url: 'http://100.64.0.1/' },
        { url: 'http://metadata.google.internal/' },
        { url: 'http://0.0.0.0:3000/' },
        { url: 'https://198.51.100.7/' },
        { url: 'https://api.default.svc.cluster.local/' },
      ],
    }),
    expect: [
      { message: /loopback host \(\[::ffff:7f00:1\]\)/ },
      { message: /loopback host \(127\.0\.0\.1\)/ },
      { message: /private host \(\[fd12:3456::1\]\)/ },
      { message: /private host \(100\.64\.0\.1\)/ },
      { message: /link-local host \(metadata\.google\.internal\)/ },
      { message: /loopback host \(0\.0\.0\.0\)/ },
      { message: /example host \(198\.51\.100\.7\)/, severity: 'info' },
      { message: /private host/ },
    ],
  },
  {
    name: 'near miss: public hosts, including neighbours of the special ranges (3.1)',
    document: oas(
      {
        servers: [
          { url: 'https://api.acme.io' },
          { url: 'https://8.8.8.8' },
          { url: 'https://192.0.78.9' }, // public hosting inside 192.0.0.0/16
          { url: 'https://203.0.114.1' },
          { url: 'https://[2606:4700::1111]' },
          { url: 'https://[::ffff:8.8.8.8]' },
        ],
      },
      '3.1',
    ),
    expect: 0,
  },
]);
