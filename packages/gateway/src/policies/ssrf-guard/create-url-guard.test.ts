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
