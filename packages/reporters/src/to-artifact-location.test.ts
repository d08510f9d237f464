import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { directoryUri } from './directory-uri.js';
import { targetUri } from './target-uri.js';
import { SRCROOT, toArtifactLocation } from './to-artifact-location.js';

describe('toArtifactLocation', () => {
  const cwd = process.cwd();
  it.each([
    [
      'a relative path (relative to the working directory)',
      'openapi/pet store.yaml',
      cwd,
      { uri: 'openapi/pet%20store.yaml', uriBaseId: SRCROOT },
    ],
    [
      'a relative path seen from a base above the working directory',
      'api.yaml',
      dirname(cwd),
      { uri: `${basename(cwd)}/api.yaml`, uriBaseId: SRCROOT },
    ],
    [
      'an absolute path under the base',
      '/work/repo/api/openapi.json',
      '/work/repo',
      { uri: 'api/openapi.json', uriBaseId: SRCROOT },
    ],
    ['an absolute path elsewhere', '/etc/api.yaml', '/work/repo', { uri: 'file:///etc/api.yaml' }],
    [
      'a relative path that climbs out of the base',
      '../api.yaml',
      cwd,
      { uri: pathToFileURL(resolve('../api.yaml')).href },
    ],
    ['an http URL', 'https://specs.example.com/api.yaml', cwd, { uri: 'https://specs.example.com/api.yaml' }],
  ])('%s', (_name, file, base, expected) => {
    expect(toArtifactLocation(file, base)).toEqual(expected);
  });
});

describe('targetUri and directoryUri', () => {
  it('joins target and templated path, percent-encoding the braces', () => {
    expect(targetUri('https://api.example.com/', '/users/{id}')).toBe(
      'https://api.example.com/users/%7Bid%7D',
    );
    expect(targetUri('https://api.example.com/v1', '/users')).toBe('https://api.example.com/v1/users');
    expect(targetUri('https://api.example.com', undefined)).toBe('https://api.example.com/');
  });
  it('ends a directory URI with a slash', () => {
    expect(directoryUri('/work/repo')).toBe('file:///work/repo/');
  });
});
