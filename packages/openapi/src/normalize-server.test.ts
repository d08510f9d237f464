import { describe, expect, it } from 'vitest';
import { normalizeServer, normalizeServerBasePath } from './normalize-server.js';

describe('normalizeServerBasePath', () => {
  it.each([
    ['https://api.example.com/v1/', {}, '/v1'],
    ['https://api.example.com', {}, ''],
    ['/', {}, ''],
    ['/api/v2', {}, '/api/v2'],
    ['v2', {}, '/v2'],
    ['//cdn.example.com/base?x=1', {}, '/base'],
    [
      'https://{host}:{port}/{base}',
      { host: { default: 'h' }, port: { default: '8443' }, base: { default: 'v3' } },
      '/v3',
    ],
    ['{scheme}://example.com/{version}/', { version: { default: 'beta' } }, '/beta'],
  ])('%s → %j', (url, variables, basePath) => {
    expect(normalizeServerBasePath(url, variables)).toBe(basePath);
  });
});

describe('normalizeServer', () => {
  it('reads variables as strings, defaulting to the first enum value', () => {
    const server = normalizeServer(
      {
        url: 'https://{env}.example.com:{port}/x',
        variables: { env: { enum: ['prod', 'dev'] }, port: { default: 443 } },
      },
      '/servers/0',
    );
    expect(server).toEqual({
      url: 'https://{env}.example.com:{port}/x',
      variables: { env: { default: 'prod', enum: ['prod', 'dev'] }, port: { default: '443' } },
      basePath: '/x',
      pointer: '/servers/0',
    });
  });

  it('rejects a server without a url', () => {
    expect(normalizeServer({ description: 'x' }, '/servers/0')).toBeUndefined();
  });
});
