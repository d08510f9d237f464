import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayUpstreamTlsVerificationOff } from './gateway-upstream-tls-verification-off.js';

describeGatewayConfigRule(gatewayUpstreamTlsVerificationOff, [
  {
    name: 'verification off on the second upstream',
    config: {
      upstreams: [
        { url: 'https://a.internal' },
        { url: 'https://b.internal', tls: { rejectUnauthorized: false } },
      ],
    },
    expect: [
      {
        pointer: '/upstreams/1/tls/rejectUnauthorized',
        message: 'upstream https://b.internal is reached over TLS without certificate verification',
        severity: 'high',
      },
    ],
  },
  {
    name: 'every upstream with verification off is reported',
    config: {
      upstreams: [
        { url: 'https://a.internal', tls: { rejectUnauthorized: false } },
        { url: 'https://b.internal', tls: { rejectUnauthorized: false, caFile: 'ca.pem' } },
      ],
    },
    expect: 2,
  },
  {
    name: 'near miss: verification explicitly on, with a private CA',
    config: {
      upstreams: [{ url: 'https://a.internal', tls: { rejectUnauthorized: true, caFile: 'ca.pem' } }],
    },
    expect: 0,
  },
  {
    name: 'near miss: a string "false" is not the boolean (the schema refuses it)',
    config: { upstreams: [{ url: 'https://a.internal', tls: { rejectUnauthorized: 'false' } }] },
    expect: 0,
  },
  {
    name: 'near miss: bare URL strings and odd values',
    config: { upstreams: ['https://a', 7, null] },
    expect: 0,
  },
]);
