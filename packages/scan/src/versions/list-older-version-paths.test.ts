import { describe, expect, it } from 'vitest';
import { listOlderVersionPaths } from './list-older-version-paths.js';

const paths = (path: string, base?: string) => listOlderVersionPaths(path, base).map((o) => o.path);

describe('listOlderVersionPaths', () => {
  it('swaps the version segment of a versioned base path instead of stacking a prefix on it', () => {
    expect(paths('/api/v2/patients/{patientId}', '/api/v2')).toEqual([
      '/api/v1/patients/{patientId}',
      '/v1/patients/{patientId}',
      '/api/patients/{patientId}',
    ]);
    expect(listOlderVersionPaths('/api/v2/x')[0]).toEqual({ path: '/api/v1/x', prefix: '/api/v1' });
  });

  it('tries every lower version down to v1 (at most three), and the previous one at the root', () => {
    expect(paths('/svc/v3/users')).toEqual(['/svc/v2/users', '/svc/v1/users', '/v2/users', '/svc/users']);
    expect(paths('/v5/a')).toEqual(['/v4/a', '/v3/a', '/v2/a', '/v1/a', '/a']);
    expect(paths('/V2.1/orders')).toEqual(['/v1/orders', '/orders']);
  });

  it('turns v1 into v0 and finds a version inside the operation path too', () => {
    expect(paths('/v1/items')).toEqual(['/v0/items', '/items']);
    expect(paths('/store/v1')).toEqual(['/store/v0', '/v0']);
  });

  it('puts the common old prefixes in front of an unversioned path, at the root and under the base path', () => {
    expect(paths('/users/{id}/accounts')).toEqual([
      '/v1/users/{id}/accounts',
      '/api/v1/users/{id}/accounts',
      '/v0/users/{id}/accounts',
      '/api/v0/users/{id}/accounts',
      '/api/users/{id}/accounts',
      '/old/users/{id}/accounts',
      '/legacy/users/{id}/accounts',
      '/beta/users/{id}/accounts',
    ]);
    expect(paths('/api/users', '/api').slice(0, 4)).toEqual([
      '/api/v1/users',
      '/v1/users',
      '/api/api/v1/users',
      '/api/v0/users',
    ]);
  });

  it('does not take words that merely start with v for versions', () => {
    expect(paths('/videos/v2x')[0]).toBe('/v1/videos/v2x');
  });
});
