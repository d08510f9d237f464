import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayUpstreamTlsOutdatedVersion } from './gateway-upstream-tls-outdated-version.js';

describeGatewayConfigRule(gatewayUpstreamTlsOutdatedVersion, [
  {
    name: 'TLS 1.1 towards an upstream',
    config: { upstreams: [{ url: 'https://a.internal', tls: { minVersion: 'TLSv1.1' } }] },
    expect: [{ pointer: '/upstreams/0/tls/minVersion', message: 'allows TLSv1.1', severity: 'high' }],
  },
  {
    name: 'TLS 1.0 spelled TLSv1, on the second upstream',
    config: {
      upstreams: ['https://a.internal', { url: 'https://b.internal', tls: { minVersion: 'TLSv1' } }],
    },
    expect: [{ pointer: '/upstreams/1/tls/minVersion' }],
  },
  {
    name: 'near miss: TLS 1.2 and 1.3',
    config: {
      upstreams: [
        { url: 'https://a.internal', tls: { minVersion: 'TLSv1.2' } },
        { url: 'https://b.internal', tls: { minVersion: 'TLSv1.3' } },
      ],
    },
    expect: 0,
  },
  {
    name: 'near miss: the listener minVersion is another rule',
    config: { tls: { minVersion: 'TLSv1.1' }, upstreams: [{ url: 'https://a.internal' }] },
    expect: 0,
  },
]);
