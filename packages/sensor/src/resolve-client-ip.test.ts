import { describe, expect, it } from 'vitest';
import { resolveClientIp } from './resolve-client-ip.js';

describe('resolveClientIp', () => {
  const trusted = new Set(['10.0.0.1', '10.0.0.2']);
  it.each([
    ['the socket peer when it is not a trusted proxy', '203.0.113.5', '1.2.3.4', '203.0.113.5'],
    ['an IPv4-mapped peer as IPv4', '::ffff:203.0.113.5', undefined, '203.0.113.5'],
    [
      'the right-most untrusted hop behind trusted proxies',
      '10.0.0.1',
      '6.6.6.6, 198.51.100.9, 10.0.0.2',
      '198.51.100.9',
    ],
    ['the peer when a trusted proxy sent no header', '10.0.0.1', undefined, '10.0.0.1'],
    ['the left-most hop when every hop is trusted', '10.0.0.1', '10.0.0.2', '10.0.0.2'],
    ['unknown when there is no peer', undefined, undefined, '0.0.0.0'],
  ])('%s', (_name, peer, xff, expected) => {
    expect(resolveClientIp(peer, xff, trusted)).toBe(expected);
  });
});
