import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './is-loopback-host.js';

describe('isLoopbackHost', () => {
  it.each([
    '127.0.0.1',
    '127.1',
    '127.255.255.254',
    '0x7f.1',
    '2130706433',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    '[::ffff:7f00:1]',
    'localhost',
    'LOCALHOST',
    'localhost.',
    'api.localhost',
  ])('%s stays on the machine', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    '0.0.0.0',
    '::',
    '10.0.0.1',
    '169.254.169.254',
    'example.com',
    'lvh.me',
    '127.0.0.1.nip.io',
    'localhost.example.com',
    'notlocalhost',
    '',
    '256.0.0.1',
  ])('%s does not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
