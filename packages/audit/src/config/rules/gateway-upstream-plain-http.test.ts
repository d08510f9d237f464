import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayUpstreamPlainHttp } from './gateway-upstream-plain-http.js';

const TLS = { cert: 'c.pem', key: 'k.pem' };

describeGatewayConfigRule(gatewayUpstreamPlainHttp, [
  {
    name: 'TLS at the gateway, http:// to another host',
    config: { tls: TLS, upstreams: [{ url: 'https://a.internal' }, { url: 'http://10.0.0.5:8080' }] },
    expect: [
      {
        pointer: '/upstreams/1/url',
        message: 'forwards to http://10.0.0.5:8080 in clear text',
        severity: 'medium',
      },
    ],
  },
  {
    name: 'a bare URL string is located at the entry',
    config: { tls: TLS, upstreams: ['http://orders.internal'] },
    expect: [{ pointer: '/upstreams/0' }],
  },
  {
    name: 'near miss: loopback upstreams (127.0.0.1, localhost, [::1])',
    config: {
      tls: TLS,
      upstreams: [
        { url: 'http://127.0.0.1:3000' },
        { url: 'http://localhost:3000' },
        { url: 'http://[::1]:3000' },
      ],
    },
    expect: 0,
  },
  {
    name: 'near miss: no TLS at the gateway (gateway-plain-http-exposed says what matters there)',
    config: { listen: { host: '0.0.0.0' }, upstreams: [{ url: 'http://10.0.0.5:8080' }] },
    expect: 0,
  },
  {
    name: 'near miss: https upstream on another host',
    config: { tls: TLS, upstreams: [{ url: 'https://10.0.0.5:8443' }] },
    expect: 0,
  },
]);
