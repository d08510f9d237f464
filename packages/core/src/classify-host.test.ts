import { BlockList, isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyHost, type HostKind } from './classify-host.js';
import { formatIpv4 } from './format-ipv4.js';
import { formatIpv6 } from './format-ipv6.js';
import { parseIpv4 } from './parse-ipv4.js';
import { parseIpv6 } from './parse-ipv6.js';
import { SPECIAL_ADDRESS_RANGES } from './special-address-ranges.js';

const kindOf = (host: string): HostKind => classifyHost(host).kind;
const SUFFIXES = ['localhost', 'internal', 'local', 'example.com', 'nip.io', 'lvh.me', 'svc', 'lan', 'test'];

describe('classifyHost: IPv4 ranges', () => {
  it.each<[string, HostKind]>([
    ['0.0.0.0', 'unspecified'],
    ['0.255.255.255', 'unspecified'],
    ['1.0.0.0', 'public'],
    ['9.255.255.255', 'public'],
    ['10.0.0.0', 'private'],
    ['10.255.255.255', 'private'],
    ['11.0.0.0', 'public'],
    ['100.63.255.255', 'public'],
    ['100.64.0.0', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.0', 'public'],
    ['100.100.100.200', 'metadata'],
    ['126.255.255.255', 'public'],
    ['127.0.0.0', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['128.0.0.0', 'public'],
    ['168.63.129.16', 'metadata'],
    ['169.253.255.255', 'public'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.253', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['169.254.170.23', 'metadata'],
    ['169.254.255.255', 'link-local'],
    ['169.255.0.0', 'public'],
    ['172.15.255.255', 'public'],
    ['172.16.0.0', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.0', 'public'],
    ['192.0.0.1', 'reserved'],
    ['192.0.0.192', 'metadata'],
    ['192.0.1.1', 'public'],
    ['192.0.2.1', 'documentation'],
    ['192.0.78.9', 'public'], // public hosting inside 192.0.0.0/16: only the /24s are special
    ['192.88.99.1', 'reserved'],
    ['192.167.255.255', 'public'],
    ['192.168.0.1', 'private'],
    ['192.169.0.0', 'public'],
    ['198.17.255.255', 'public'],
    ['198.18.0.0', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.20.0.0', 'public'],
    ['198.51.99.255', 'public'],
    ['198.51.100.7', 'documentation'],
    ['203.0.112.255', 'public'],
    ['203.0.113.7', 'documentation'],
    ['203.0.114.0', 'public'],
    ['223.255.255.255', 'public'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['8.8.8.8', 'public'],
  ])('%s is %s', (host, kind) => {
    expect(classifyHost(host)).toEqual({ kind, basis: 'address', address: host });
  });
});

describe('classifyHost: IPv4 notations', () => {
  it.each([
    ['127.1', '127.0.0.1'],
    ['127.0.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0X7F.0X0.0X0.0X1', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0177.0.0.01', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0x.0.0.0', '0.0.0.0'],
    ['0', '0.0.0.0'],
    ['127.0.0.1.', '127.0.0.1'],
    ['0xa9.0xfe.0xa9.0xfe', '169.254.169.254'],
    ['2852039166', '169.254.169.254'],
    ['10.0xffffff', '10.255.255.255'],
    ['4294967295', '255.255.255.255'],
    ['０x7f.1', '127.0.0.1'], // full-width digits are mapped as IDNA maps them
    ['１２７．０．０．１', '127.0.0.1'],
    ['127。0。0。1', '127.0.0.1'],
    ['%31%32%37.0.0.1', '127.0.0.1'], // the URL parser percent-decodes hosts first
    ['0x7f%2e1', '127.0.0.1'],
  ])('%s is %s', (host, address) => {
    expect(classifyHost(host)).toMatchObject({ basis: 'address', address });
  });

  it('reads octal as octal: 0127.0.0.1 is 87.0.0.1, not 127.0.0.1', () => {
    expect(classifyHost('0127.0.0.1')).toEqual({ kind: 'public', basis: 'address', address: '87.0.0.1' });
  });

  it.each([
    '256.1.1.1',
    '1.2.3.256',
    '1.2.3.4.5',
    '1.2.65536',
    '4294967296',
    '08.0.0.1', // not octal, and not decimal either (inet_aton and the URL parser both refuse it)
    '0x7g.1',
    '1..1',
    'foo.123', // ends in a number, so the URL parser reads it as an address, and it is not one
    '127.0.0.1..',
  ])('%s is invalid', (host) => {
    expect(classifyHost(host).kind).toBe('invalid');
  });
});

describe('classifyHost: IPv6', () => {
  it.each<[string, HostKind, string]>([
    ['::', 'unspecified', '::'],
    ['::1', 'loopback', '::1'],
    ['[::1]', 'loopback', '::1'],
    ['0:0:0:0:0:0:0:1', 'loopback', '::1'],
    ['fe80::1', 'link-local', 'fe80::1'],
    ['FE80::1%eth0', 'link-local', 'fe80::1'],
    ['[fe80::1%25eth0]', 'link-local', 'fe80::1'],
    ['febf:ffff::1', 'link-local', 'febf:ffff::1'],
    ['fec0::1', 'private', 'fec0::1'],
    ['fc00::1', 'private', 'fc00::1'],
    ['fdff:ffff::1', 'private', 'fdff:ffff::1'],
    ['fd00:ec2::254', 'metadata', 'fd00:ec2::254'],
    ['fd00:0ec2:0:0:0:0:0:0254', 'metadata', 'fd00:ec2::254'],
    ['fd00:ec2::23', 'metadata', 'fd00:ec2::23'],
    ['ff02::1', 'multicast', 'ff02::1'],
    ['2001:db8::1', 'documentation', '2001:db8::1'],
    ['2001:0db8:0000::1', 'documentation', '2001:db8::1'],
    ['3fff::1', 'documentation', '3fff::1'],
    ['2001:2::1', 'benchmarking', '2001:2::1'],
    ['2001:20::1', 'reserved', '2001:20::1'],
    ['100::1', 'reserved', '100::1'],
    ['64:ff9b:1::1', 'private', '64:ff9b:1::1'],
    ['4000::1', 'reserved', '4000::1'], // outside 2000::/3: not allocated
    ['2606:4700:4700::1111', 'public', '2606:4700:4700::1111'],
    // Hextets that merely start with the letters of a special prefix are not in it.
    ['fc::1', 'reserved', 'fc::1'],
    ['fe8::1', 'reserved', 'fe8::1'],
    ['fd::', 'reserved', 'fd::'],
  ])('%s is %s (%s)', (host, kind, address) => {
    expect(classifyHost(host)).toEqual({ kind, basis: 'address', address });
  });

  it.each<[string, HostKind, string, string, string]>([
    ['::ffff:127.0.0.1', 'loopback', 'ipv4-mapped', '127.0.0.1', '::ffff:127.0.0.1'],
    ['[::ffff:7f00:1]', 'loopback', 'ipv4-mapped', '127.0.0.1', '::ffff:127.0.0.1'], // as URL.hostname writes it
    ['::ffff:a9fe:a9fe', 'metadata', 'ipv4-mapped', '169.254.169.254', '::ffff:169.254.169.254'],
    [
      '0:0:0:0:0:ffff:169.254.169.254',
      'metadata',
      'ipv4-mapped',
      '169.254.169.254',
      '::ffff:169.254.169.254',
    ],
    ['::ffff:8.8.8.8', 'public', 'ipv4-mapped', '8.8.8.8', '::ffff:8.8.8.8'],
    ['::127.0.0.1', 'loopback', 'ipv4-compatible', '127.0.0.1', '::7f00:1'],
    ['::10.0.0.1', 'private', 'ipv4-compatible', '10.0.0.1', '::a00:1'],
    ['::8.8.8.8', 'reserved', 'ipv4-compatible', '8.8.8.8', '::808:808'],
    ['::ffff:0:10.0.0.1', 'private', 'ipv4-translated', '10.0.0.1', '::ffff:0:a00:1'],
    ['64:ff9b::10.0.0.1', 'private', 'nat64', '10.0.0.1', '64:ff9b::a00:1'],
    ['64:ff9b::a9fe:a9fe', 'metadata', 'nat64', '169.254.169.254', '64:ff9b::a9fe:a9fe'],
    ['64:ff9b::808:808', 'public', 'nat64', '8.8.8.8', '64:ff9b::808:808'],
    ['2002:7f00:1::1', 'loopback', '6to4', '127.0.0.1', '2002:7f00:1::1'],
    ['2002:c000:204::1', 'documentation', '6to4', '192.0.2.4', '2002:c000:204::1'],
    ['2002:808:808::1', 'public', '6to4', '8.8.8.8', '2002:808:808::1'],
    // RFC 4380 section 4 example: client 192.0.2.45 behind server 65.54.227.120.
    [
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      'documentation',
      'teredo',
      '192.0.2.45',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    ],
    [
      '2001:0:4136:e378:8000:63bf:f5ff:fffe',
      'private',
      'teredo',
      '10.0.0.1',
      '2001:0:4136:e378:8000:63bf:f5ff:fffe',
    ],
  ])('%s is %s through %s %s', (host, kind, embedding, ipv4, address) => {
    expect(classifyHost(host)).toEqual({ kind, basis: 'address', address, embedding, ipv4 });
  });

  it.each([
    '1::2::3',
    ':::',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '12345::',
    '::ffff:01.2.3.4',
    '::ffff:1.2.3',
    '::ffff:256.0.0.1',
    'fe80::1%',
    'fe80::1%eth 0',
    '[::1',
    '[127.0.0.1]',
    '[localhost]',
    'g::1',
    'localhost:8080',
  ])('%s is invalid', (host) => {
    expect(classifyHost(host).kind).toBe('invalid');
  });
});

describe('classifyHost: names', () => {
  it.each<[string, HostKind, string]>([
    ['localhost', 'loopback', 'name'],
    ['LOCALHOST.', 'loopback', 'name'],
    ['api.localhost', 'loopback', 'name'],
    ['localhost4', 'loopback', 'name'],
    ['localhost.localdomain', 'loopback', 'name'],
    ['ip6-localhost', 'loopback', 'name'],
    ['lvh.me', 'loopback', 'name'],
    ['admin.lvh.me', 'loopback', 'name'],
    ['localtest.me', 'loopback', 'name'],
    ['127-0-0-1.traefik.me', 'loopback', 'name'],
    ['ｌｏｃａｌｈｏｓｔ', 'loopback', 'name'],
    ['metadata.google.internal', 'metadata', 'name'],
    ['metadata.google.internal.', 'metadata', 'name'],
    ['Metadata.Google.Internal', 'metadata', 'name'],
    ['metadata', 'metadata', 'name'],
    ['metadata.goog', 'metadata', 'name'],
    ['instance-data', 'metadata', 'name'],
    ['instance-data.ec2.internal', 'metadata', 'name'],
    ['metadata.tencentyun.com', 'metadata', 'name'],
    ['api.corp.internal', 'private', 'name'],
    ['host.docker.internal', 'private', 'name'],
    ['printer.local', 'private', 'name'],
    ['api.default.svc.cluster.local', 'private', 'name'],
    ['api.default.svc', 'private', 'name'],
    ['kubernetes.default', 'private', 'name'],
    ['nas.home.arpa', 'private', 'name'],
    ['jenkins', 'private', 'convention'],
    ['build.lan', 'private', 'convention'],
    ['wiki.corp', 'private', 'convention'],
    ['portal.intranet', 'private', 'convention'],
    ['example.com', 'documentation', 'name'],
    ['api.example.org', 'documentation', 'name'],
    ['*.example.net', 'documentation', 'name'],
    ['public.example', 'documentation', 'name'],
    ['service.test', 'documentation', 'name'],
    ['nowhere.invalid', 'documentation', 'name'],
    ['example', 'documentation', 'name'],
    ['api.acme.io', 'name', 'name'],
    ['xn--bcher-kva.example.com', 'documentation', 'name'],
    ['bücher.de', 'name', 'name'],
    ['my_host.acme.io', 'name', 'name'],
    ['v10.0.0.1-beta', 'name', 'name'],
    ['0x7f.foo', 'name', 'name'],
    ['localhost.acme.io', 'name', 'name'],
    ['metadata.acme.io', 'name', 'name'],
    ['docker.com', 'name', 'name'],
    ['svc.example.com', 'documentation', 'name'],
    ['nip.io', 'name', 'name'],
  ])('%s is %s (%s)', (host, kind, basis) => {
    expect(classifyHost(host)).toEqual({ kind, basis });
  });

  it.each<[string, HostKind, string]>([
    ['127.0.0.1.nip.io', 'loopback', '127.0.0.1'],
    ['app.10.0.0.1.nip.io', 'private', '10.0.0.1'],
    ['169.254.169.254.nip.io.', 'metadata', '169.254.169.254'],
    ['127-0-0-1.sslip.io', 'loopback', '127.0.0.1'],
    ['app-192-168-0-1.sslip.io', 'private', '192.168.0.1'],
    ['app-7f000001.nip.io', 'loopback', '127.0.0.1'],
    ['--1.sslip.io', 'loopback', '::1'],
    ['fe80--1.sslip.io', 'link-local', 'fe80::1'],
    ['8.8.8.8.nip.io', 'public', '8.8.8.8'],
  ])('%s spells %s (%s)', (host, kind, address) => {
    expect(classifyHost(host)).toMatchObject({ kind, basis: 'name', address });
  });

  it.each(['www.nip.io', 'app.sslip.io', '999.0.0.1.nip.io'])('%s spells no address', (host) => {
    expect(classifyHost(host)).toEqual({ kind: 'name', basis: 'name' });
  });

  it('percent-decodes names as the URL parser does', () => {
    expect(classifyHost('%6cocalhost')).toEqual({ kind: 'loopback', basis: 'name' });
    expect(classifyHost('metadata%2egoogle%2einternal')).toEqual({ kind: 'metadata', basis: 'name' });
  });

  it.each([
    '',
    '.',
    'a b',
    'a/b',
    'a..b',
    '.a',
    'user@host',
    'a%zz.com',
    'a%253a.com',
    'a%3a1.com',
    `${'a.'.repeat(127)}com`,
  ])('%j is invalid', (host) => {
    expect(classifyHost(host).kind).toBe('invalid');
  });
});

describe('SPECIAL_ADDRESS_RANGES', () => {
  it.each(SPECIAL_ADDRESS_RANGES.map((r) => [r.cidr, r]))('%s starts its range and appears once', (cidr) => {
    const [address = '', prefixText = ''] = cidr.split('/');
    const prefix = Number(prefixText);
    const bits = address.includes(':')
      ? (parseIpv6(address) ?? []).map((h) => h.toString(2).padStart(16, '0')).join('')
      : (parseIpv4(address) ?? 0).toString(2).padStart(32, '0');
    expect(bits.length).toBeGreaterThanOrEqual(prefix);
    expect(bits.slice(prefix)).not.toContain('1');
    expect(SPECIAL_ADDRESS_RANGES.filter((r) => r.cidr === cidr)).toHaveLength(1);
  });
});

/** The kind the table gives an address without embedding, with node's `BlockList` doing the range matching. */
function referenceKind(address: string, family: 'ipv4' | 'ipv6'): HostKind | 'embedding' {
  const containing = SPECIAL_ADDRESS_RANGES.filter((r) => r.cidr.includes(':') === (family === 'ipv6'))
    .map((r) => {
      const [base = '', prefix = ''] = r.cidr.split('/');
      const list = new BlockList();
      list.addSubnet(base, Number(prefix), family);
      return { r, prefix: Number(prefix), hit: list.check(address, family) };
    })
    .filter((x) => x.hit)
    .sort((a, b) => b.prefix - a.prefix);
  const best = containing[0]?.r;
  if (best === undefined) return family === 'ipv4' ? 'public' : 'reserved';
  return best.embedding === undefined ? best.kind : 'embedding';
}

const ipv4Value = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  // Biased towards the special ranges and their edges.
  fc
    .constantFrom(...SPECIAL_ADDRESS_RANGES.filter((r) => !r.cidr.includes(':')).map((r) => r.cidr))
    .chain((cidr) => {
      const [base = '', prefix = ''] = cidr.split('/');
      const start = parseIpv4(base) as number;
      const size = 2 ** (32 - Number(prefix));
      return fc.integer({ min: Math.max(0, start - 2), max: Math.min(0xffffffff, start + size + 1) });
    }),
);

/** Every way the URL parser and inet_aton accept to write one IPv4 address. */
function spellings(v: number): string[] {
  const octets = [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255] as const;
  const [a, b, c, d] = octets;
  const hex = (n: number) => `0x${n.toString(16)}`;
  const oct = (n: number) => `0${n.toString(8)}`;
  return [
    `${a}.${b}.${c}.${d}`,
    String(v),
    hex(v),
    `0X${v.toString(16).toUpperCase()}`,
    oct(v),
    octets.map(hex).join('.'),
    octets.map(oct).join('.'),
    `${a}.${b}.${(c << 8) | d}`,
    `${hex(a)}.${oct(b)}.${(c << 8) | d}`,
    `${a}.${hex(((b << 16) | (c << 8) | d) >>> 0)}`,
    `${a}.${b}.${c}.${d}.`,
    `[::ffff:${a}.${b}.${c}.${d}]`,
    `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`,
  ];
}

describe('classifyHost: properties', () => {
  it('classifies every spelling of an IPv4 address like its dotted form, with the same canonical address', () => {
    fc.assert(
      fc.property(ipv4Value, (v) => {
        const dotted = formatIpv4(v);
        const expected = classifyHost(dotted);
        expect(expected.address).toBe(dotted);
        for (const spelling of spellings(v)) {
          const got = classifyHost(spelling);
          expect(got.kind, spelling).toBe(expected.kind);
          expect(got.ipv4 ?? got.address, spelling).toBe(dotted);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('puts IPv4 addresses in the most specific range that node:net BlockList finds them in', () => {
    fc.assert(
      fc.property(ipv4Value, (v) => {
        const dotted = formatIpv4(v);
        expect(kindOf(dotted)).toBe(referenceKind(dotted, 'ipv4'));
      }),
      { numRuns: 500 },
    );
  });

  const hextets = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
  const ipv6Value = fc.oneof(
    hextets,
    // A special range's base with random low bits, and runs of zeros so that `::` is exercised.
    fc
      .tuple(
        fc.constantFrom(...SPECIAL_ADDRESS_RANGES.filter((r) => r.cidr.includes(':')).map((r) => r.cidr)),
        hextets,
        fc.integer({ min: 0, max: 7 }),
      )
      .map(([cidr, random, keep]) => {
        const base = parseIpv6(cidr.split('/')[0] as string) as number[];
        return base.map((h, i) => (i <= keep ? h : (random[i] as number) & (i % 2 === 0 ? 0 : 0xffff)));
      }),
  );

  it('puts IPv6 addresses in the most specific range that node:net BlockList finds them in', () => {
    fc.assert(
      fc.property(ipv6Value, (h) => {
        const text = formatIpv6(h);
        const reference = referenceKind(text, 'ipv6');
        const got = classifyHost(text);
        if (reference === 'embedding') expect(got.embedding).toBeDefined();
        else expect(got).toEqual({ kind: reference, basis: 'address', address: text });
      }),
      { numRuns: 500 },
    );
  });

  it('writes IPv6 addresses as the WHATWG URL parser does (RFC 5952), mapped IPv4 aside', () => {
    fc.assert(
      fc.property(ipv6Value, (h) => {
        const text = formatIpv6(h);
        expect(parseIpv6(text)).toEqual(h);
        const url = new URL(`http://[${text}]/`).hostname.slice(1, -1);
        const mapped = h.slice(0, 6).join() === '0,0,0,0,0,65535';
        if (!mapped) expect(text).toBe(url);
        expect(classifyHost(url)).toEqual(classifyHost(text));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts exactly the IPv6 texts node:net accepts', () => {
    const piece = fc.oneof(
      fc.constantFrom('', '0', '1', 'ffff', 'FFFF', '00000', '12345', 'g', '1.2.3.4', '01.2.3.4', '1.2.3'),
      fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16)),
    );
    const text = fc
      .array(piece, { minLength: 1, maxLength: 10 })
      .chain((pieces) =>
        fc
          .array(fc.constantFrom(':', '::'), { minLength: pieces.length, maxLength: pieces.length })
          .map((seps) => pieces.map((p, i) => (i === 0 ? p : `${seps[i]}${p}`)).join('')),
      );
    fc.assert(
      fc.property(text, (t) => {
        expect(parseIpv6(t) !== undefined, t).toBe(isIPv6(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores case and one trailing dot, and never throws', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    const host = fc.oneof(
      fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
      fc
        .tuple(fc.array(label, { maxLength: 2 }), fc.constantFrom(...SUFFIXES))
        .map(([labels, suffix]) => [...labels, suffix].join('.')),
      ipv4Value.map(formatIpv4),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(host, (h) => {
        const got = classifyHost(h);
        expect(classifyHost(h.toUpperCase()).kind).toBe(got.kind);
        if (!h.endsWith('.') && !h.includes(':') && got.kind !== 'invalid')
          expect(classifyHost(`${h}.`)).toEqual(got);
      }),
      { numRuns: 1000 },
    );
  });
});
