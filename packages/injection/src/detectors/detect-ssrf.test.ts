import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();
const fires = (value: string) => inspector.inspectValue(value, 'query.url').some((h) => h.class === 'ssrf');
const paranoid = createInjectionInspector({ paranoia: 3 });
const ruleOf = (value: string) =>
  paranoid.inspectValue(value, 'query.url').find((h) => h.class === 'ssrf')?.ruleId;

describe('ssrf detector', () => {
  it.each([
    'http://127.0.0.1/admin',
    'http://localhost:8080/',
    'http://169.254.169.254/latest/meta-data/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f000001/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[0:0:0:0:0:ffff:169.254.169.254]/',
    'http://[fd00:ec2::254]/latest/',
    'http://10.0.0.5:9200/_cat/indices',
    'http://192.168.1.1/',
    'http://expected.example@127.0.0.1/',
    'http://127.0.0.1.nip.io/',
    'http://lvh.me/',
    'gopher://example.com:70/_payload',
    'dict://example.com:11211/stats',
    'http%3A%2F%2F169.254.169.254%2F',
    '169.254.169.254/latest/meta-data',
  ])('fires on %j', (value) => {
    expect(fires(value)).toBe(true);
  });

  it.each([
    'https://example.com/a',
    'https://8.8.8.8/',
    'https://github.com/localhost-project',
    '42',
    '0.5',
    '2024-01-01',
    'v10.0.0.1-beta',
    'http://[2001:db8::1]/',
  ])('does not fire on %j', (value) => {
    expect(fires(value)).toBe(false);
  });

  it.each([
    ['http://0x7f.1/', 'ssrf-loopback-host'],
    ['http://017700000001/', 'ssrf-loopback-host'],
    ['http://[fe80::1%25eth0]/', 'ssrf-link-local-host'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'ssrf-metadata-host'], // NAT64 of 169.254.169.254
    ['http://[::ffff:a9fe:a9fe]/', 'ssrf-metadata-host'],
    ['http://100.100.100.200/latest/meta-data/', 'ssrf-metadata-host'],
    ['http://100.64.0.1/', 'ssrf-private-host'],
    ['http://billing.corp.internal/', 'ssrf-private-host'],
    ['http://printer.local/', 'ssrf-private-host'],
    ['http://0.0.0.0:8080/', 'ssrf-unspecified-host'],
    ['http://240.0.0.1/', 'ssrf-reserved-host'],
    ['http://224.0.0.1/', 'ssrf-reserved-host'],
  ])('names the kind of host in %j', (value, ruleId) => {
    expect(ruleOf(value)).toBe(ruleId);
  });

  it.each([
    'http://192.0.78.9/', // public, though inside 192.0.0.0/16
    'http://198.51.100.7/', // documentation
    'http://[64:ff9b::808:808]/', // NAT64 of a public address
    'http://api.example.com/',
    'http://jenkins:8080/job', // single label: private by convention only
    'http://build.lan/',
  ])('does not fire on %j even at paranoia 3', (value) => {
    expect(ruleOf(value)).toBeUndefined();
  });
});

describe('ssrf detector: container and cluster names', () => {
  it.each([
    'host.docker.internal/',
    'localhost4/admin',
    'http://api.default.svc.cluster.local/',
    'http://kubernetes.default.svc/',
  ])('fires on %j', (value) => {
    expect(fires(value)).toBe(true);
  });

  it.each(['docker.com/', 'internal-docs/', 'svc.example.com/', 'localhost'])(
    'does not fire on %j',
    (value) => {
      expect(fires(value)).toBe(false);
    },
  );
});
