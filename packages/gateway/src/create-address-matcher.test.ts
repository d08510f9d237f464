import { describe, expect, it } from 'vitest';
import { createAddressMatcher } from './create-address-matcher.js';
import { parseCidr } from './parse-cidr.js';

describe('createAddressMatcher', () => {
  const match = createAddressMatcher([
    '10.0.0.0/8',
    '192.168.1.0/24',
    '172.16.0.0/12',
    '2001:db8::/32',
    '::1',
    '203.0.113.7',
  ]);

  it.each([
    ['10.1.2.3', true],
    ['11.0.0.1', false],
    ['192.168.1.255', true],
    ['192.168.2.1', false],
    ['172.31.255.255', true],
    ['172.32.0.0', false],
    ['::ffff:10.9.9.9', true],
    ['::ffff:11.9.9.9', false],
    ['2001:db8:ffff::1', true],
    ['2001:db9::1', false],
    ['::1', true],
    ['::2', false],
    ['203.0.113.7', true],
    ['203.0.113.8', false],
    ['fe80::1%eth0', false],
    ['not-an-ip', false],
    ['', false],
  ])('%s → %s', (address, expected) => {
    expect(match(address)).toBe(expected);
  });

  it('handles prefix lengths that do not fall on a byte boundary', () => {
    const m = createAddressMatcher(['100.64.0.0/10', '2001:db8:8000::/33']);
    expect(m('100.127.255.255')).toBe(true);
    expect(m('100.128.0.0')).toBe(false);
    expect(m('2001:db8:8000::1')).toBe(true);
    expect(m('2001:db8:7fff::1')).toBe(false);
  });

  it('matches everything with /0 and IPv4-embedded IPv6 notation', () => {
    expect(createAddressMatcher(['0.0.0.0/0'])('8.8.8.8')).toBe(true);
    expect(createAddressMatcher(['0.0.0.0/0'])('2001:db8::1')).toBe(false);
    expect(createAddressMatcher(['::/0'])('2001:db8::1')).toBe(true);
    expect(createAddressMatcher(['::ffff:0:0/96'])('1.2.3.4')).toBe(true);
  });

  it('matches nothing when empty', () => {
    expect(createAddressMatcher([])('127.0.0.1')).toBe(false);
  });

  it('rejects invalid ranges with a message naming the value', () => {
    expect(parseCidr('10.0.0.0/33')).toMatch(/"10.0.0.0\/33" has an invalid prefix length/);
    expect(parseCidr('2001:db8::/129')).toMatch(/invalid prefix length \(0-128/);
    expect(parseCidr('10.0.0/8')).toMatch(/not an IPv4 or IPv6 address/);
    expect(parseCidr('10.0.0.0/8x')).toMatch(/invalid prefix/);
    expect(() => createAddressMatcher(['nope'])).toThrow(TypeError);
  });
});
