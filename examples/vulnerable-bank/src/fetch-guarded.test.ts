import { describe, expect, it } from 'vitest';
import { FetchError, fetchGuarded, isFetchPermitted } from './fetch-guarded.js';

describe('isFetchPermitted', () => {
  it.each([
    ['http://127.0.0.1:8080/x', true],
    ['http://127.1.2.3/x', true],
    ['http://localhost/x', true],
    ['http://[::1]:9000/x', true],
    ['https://canary.example:8443/a', true],
    ['https://canary.example/a', false],
    ['http://10.0.0.1/', false],
    ['http://169.254.169.254/latest/meta-data/', false],
    ['http://example.com/', false],
    ['file:///etc/passwd', false],
    ['gopher://127.0.0.1:25/', false],
  ])('%s → %s', (url, expected) => {
    expect(isFetchPermitted(new URL(url), 'https://canary.example:8443')).toBe(expected);
  });

  it('throws a blocked FetchError before any request to other hosts', async () => {
    const error = await fetchGuarded('http://192.168.1.1/', {
      canaryOrigin: undefined,
      followRedirects: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).reason).toBe('blocked');
  });
});
