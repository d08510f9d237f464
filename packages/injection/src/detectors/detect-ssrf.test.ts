import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';
import { classifyHost, parseIpv4, parseIpv6 } from './classify-host.js';

const inspector = createInjectionInspector();
const fires = (value: string) => inspector.inspectValue(value, 'query.url').some((h) => h.class === 'ssrf');

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

  it('parses every IPv4 notation inet_aton accepts', () => {
    expect(parseIpv4('127.0.0.1')).toBe(0x7f000001);
    expect(parseIpv4('0x7f.1')).toBe(0x7f000001);
    expect(parseIpv4('017700000001')).toBe(0x7f000001);
    expect(parseIpv4('256.1.1.1')).toBeUndefined();
    expect(parseIpv4('1.2.3.4.5')).toBeUndefined();
  });

  it('parses IPv6 with compression and an IPv4 tail', () => {
    expect(parseIpv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(parseIpv6('1::2::3')).toBeUndefined();
    expect(classifyHost('[fe80::1%25eth0]')).toBe('link-local');
    expect(classifyHost('example.com')).toBeUndefined();
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
