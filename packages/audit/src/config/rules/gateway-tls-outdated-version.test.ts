import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayTlsOutdatedVersion } from './gateway-tls-outdated-version.js';

describeGatewayConfigRule(gatewayTlsOutdatedVersion, [
  {
    name: 'TLS 1.1',
    config: { tls: { cert: 'c', key: 'k', minVersion: 'TLSv1.1' } },
    expect: [{ pointer: '/tls/minVersion', message: 'TLSv1.1' }],
  },
  { name: 'TLS 1.0 spelled TLSv1', config: { tls: { minVersion: 'TLSv1' } }, expect: 1 },
  { name: 'near miss: TLS 1.2', config: { tls: { minVersion: 'TLSv1.2' } }, expect: 0 },
  { name: 'near miss: default', config: { tls: { cert: 'c', key: 'k' } }, expect: 0 },
]);
