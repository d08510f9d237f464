import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUrlGuard } from './create-url-guard.js';

const DNS: Record<string, string[]> = {
  'public.example': ['93.184.215.14'],
  'dual.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'rebind.example': ['93.184.215.14', '10.0.0.5'],
  'metadata.example': ['169.254.169.254'],
  'v6-internal.example': ['fd00:ec2::254'],
  'mapped.example': ['::ffff:127.0.0.1'],
};
const resolved: string[] = [];
const guard = createUrlGuard({
  allowHosts: undefined,
  allowSchemes: ['http', 'https'],
  allowAddresses: [],
  dnsTimeoutMs: 500,
  dnsCacheMs: 60_000,
  resolve: async (host) => {
    resolved.push(host);
    if (host === 'slow.example') return new Promise(() => undefined);
    const answer = DNS[host];
    if (!answer) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return answer;
  },
});

describe('createUrlGuard', () => {
  it.each([
    'http://public.example/hook',
    'https://dual.example:8443/x?y=1',
    'https://93.184.215.14/',
    'http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/',
  ])('allows %s', async (url) => {
    expect(await guard(url)).toBeUndefined();
  });

  it.each([
    ['http://127.0.0.1/', /blocked address \(127\.0\.0\.1\)/],
    ['http://2130706433/', /127\.0\.0\.1/], // decimal
    ['http://0177.0.0.1/', /127\.0\.0\.1/], // octal
    ['http://0x7f.0x0.0x0.0x1/', /127\.0\.0\.1/], // hex
    ['http://0x7f000001/', /127\.0\.0\.1/],
    ['http://127.1/', /127\.0\.0\.1/], // short form
    ['http://0.0.0.0:8080/', /0\.0\.0\.0/], // unspecified
    ['http://[::]/', /blocked/],
    ['http://[::1]/', /blocked/],
    ['http://[::ffff:127.0.0.1]/', /blocked/], // IPv4-mapped
    ['http://[::ffff:a9fe:a9fe]/', /blocked/], // mapped metadata, hex spelling
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254/],
    ['http://[fd00:ec2::254]/', /blocked/],
    ['http://10.1.2.3/', /blocked/],
    ['http://172.16.0.1/', /blocked/],
    ['http://192.168.1.1/', /blocked/],
    ['http://100.64.0.1/', /blocked/],
    ['http://[fe80::1]/', /blocked/],
    ['http://[64:ff9b::a00:1]/', /blocked/], // NAT64 of 10.0.0.1
    ['http://[64:ff9b::808:808]/', /blocked/], // NAT64 of a public address: where it lands is the relay's call
    ['http://[2002:7f00:1::1]/', /blocked/], // 6to4 of 127.0.0.1
    ['http://[::7f00:1]/', /blocked/], // IPv4-compatible 127.0.0.1
    ['http://100.100.100.200/', /blocked/], // Alibaba Cloud metadata
    ['http://192.0.2.1/', /blocked/], // documentation
    ['http://[3fff::1]/', /blocked/], // documentation (RFC 9637), newer than the old range list
    ['http://[4000::1]/', /blocked/], // not allocated (outside 2000::/3)
    ['http://api.corp.internal/', /internal host/],
    ['http://printer.local/', /internal host/],
    ['http://metadata/', /internal host/],
    ['http://jenkins:8080/', /internal host/], // single label: the upstream's search domains decide
    ['http://lvh.me/', /internal host/],
    ['http://127.0.0.1.nip.io/', /internal host/],
    ['http://api.default.svc.cluster.local/', /internal host/],
    ['http://localhost./', /internal host/],
    ['http://localhost:8080/', /internal host/],
    ['http://api.localhost/', /internal host/],
    ['http://metadata.google.internal/', /internal host/],
    ['http://metadata.example/', /169\.254\.169\.254/],
    ['http://v6-internal.example/', /fd00:ec2::254/],
    ['http://mapped.example/', /blocked/],
    ['http://rebind.example/', /10\.0\.0\.5/], // any blocked address refuses
    ['http://nowhere.example/', /cannot be resolved.*ENOTFOUND/],
    ['http://slow.example/', /DNS timeout/],
    ['file:///etc/passwd', /scheme "file"/],
    ['gopher://public.example:70/', /scheme "gopher"/],
    ['//public.example/x', /not an absolute URL/],
    ['not a url', /not an absolute URL/],
  ])('refuses %s', async (url, why) => {
    expect(await guard(url)).toMatch(why);
  });

  it('allows public addresses that merely neighbour the special ranges', async () => {
    for (const url of [
      'http://192.0.78.9/',
      'http://203.0.114.1/',
      'http://[::ffff:8.8.8.8]/',
      'http://100.128.0.1/',
    ])
      expect(await guard(url), url).toBeUndefined();
  });

  it('refuses, literally and after DNS, every address in the ranges it refused before core classified hosts', async () => {
    const resolving = (address: string) =>
      createUrlGuard({
        allowHosts: undefined,
        allowSchemes: ['http'],
        allowAddresses: [],
        dnsTimeoutMs: 500,
        dnsCacheMs: 0,
        resolve: async () => [address],
      });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PREVIOUS_BLOCKED_RANGES),
        fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }),
        async (cidr, random) => {
          for (const address of addressesIn(cidr, random)) {
            const literal = address.includes(':') ? `[${address}]` : address;
            expect(await guard(`http://${literal}/`), address).toMatch(/blocked address/);
            expect(await resolving(address)('http://host.acme.io/'), address).toMatch(/blocked address/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('caches DNS answers', async () => {
    resolved.length = 0;
    await guard('http://public.example/a');
    await guard('http://public.example/b');
    expect(resolved).toEqual([]); // answered from the cache filled by the earlier test
  });

  it('honours host and address allowlists', async () => {
    const strict = createUrlGuard({
      allowHosts: ['hooks.partner.example', '*.cdn.example'],
      allowSchemes: ['https'],
      allowAddresses: ['10.20.0.0/16'],
      dnsTimeoutMs: 500,
      dnsCacheMs: 0,
      resolve: async (host) => (host === 'hooks.partner.example' ? ['10.20.1.1'] : ['93.184.215.14']),
    });
    expect(await strict('https://hooks.partner.example/x')).toBeUndefined();
    expect(await strict('https://img.cdn.example/x')).toBeUndefined();
    expect(await strict('https://public.example/x')).toMatch(/not allowed/);
    expect(await strict('http://hooks.partner.example/x')).toMatch(/scheme "http"/);
  });
});

/** The guard's range list before it used `classifyHost` of `@rampart/core`: it must refuse at least these. */
const PREVIOUS_BLOCKED_RANGES = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/96',
  '::1/128',
  '64:ff9b::/96',
  '64:ff9b:1::/48',
  '100::/64',
  '2001::/32',
  '2001:db8::/32',
  '2002::/16',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
];

/**
 * An address inside a range, its host bits taken from `random`: for IPv4 ranges the dotted form and the
 * IPv4-mapped IPv6 form (the old list matched both), for IPv6 ranges the full eight-hextet form.
 */
function addressesIn(cidr: string, random: readonly number[]): string[] {
  const [base = '', prefixText = ''] = cidr.split('/');
  const prefix = Number(prefixText);
  if (!base.includes(':')) {
    const octets = base.split('.').map(Number);
    const start = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
    const hostBits = ((random[0]! << 16) | random[1]!) >>> 0;
    const v = prefix === 0 ? hostBits : (start | (hostBits & (2 ** (32 - prefix) - 1))) >>> 0;
    const dotted = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
    return [dotted, `::ffff:${dotted}`];
  }
  const url = new URL(`http://[${base}]/`).hostname.slice(1, -1);
  const [head = '', tail = ''] = url.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const hextets = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right].map((h) =>
    Number.parseInt(h, 16),
  );
  const out = hextets.map((h, i) => {
    const keep = Math.max(0, Math.min(16, prefix - 16 * i));
    const mask = keep === 0 ? 0 : (0xffff << (16 - keep)) & 0xffff;
    return ((h & mask) | (random[i]! & ~mask & 0xffff)).toString(16);
  });
  return [out.join(':')];
}
