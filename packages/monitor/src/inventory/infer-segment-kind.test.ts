import { describe, expect, it } from 'vitest';
import { inferSegmentKind } from './infer-segment-kind.js';
import { namePathParameter } from './name-path-parameter.js';

describe('inferSegmentKind', () => {
  it.each([
    ['123', 'id'],
    ['0', 'id'],
    ['550e8400-e29b-41d4-a716-446655440000', 'uuid'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'hash'],
    ['507f1f77bcf86cd799439011', 'hash'],
    ['2024-01-15', 'date'],
    ['alice@example.com', 'email'],
    ['ACC000123', 'code'],
    ['ord_8f3k2j9', 'code'],
    ['my-post-2024', 'code'],
    ['aGVsbG8gd29ybGQhIQ3xY', 'token'],
  ])('%s is a %s', (segment, kind) => {
    expect(inferSegmentKind(segment)).toBe(kind);
  });

  it.each([
    'users',
    'v1',
    'v2.1',
    'oauth2',
    'sha256',
    'base64',
    'ipv6',
    'x509',
    'me',
    'search',
    'item42',
    'open-api',
  ])('%s is a literal', (segment) => {
    expect(inferSegmentKind(segment)).toBeUndefined();
  });
});

describe('namePathParameter', () => {
  it.each([
    ['users', 'id', 'userId'],
    ['accounts', 'id', 'accountId'],
    ['categories', 'id', 'categoryId'],
    ['addresses', 'id', 'addressId'],
    ['statuses', 'id', 'statusId'],
    ['people', 'email', 'personEmail'],
    ['reports', 'date', 'reportDate'],
    ['files', 'name', 'fileName'],
    ['line-items', 'id', 'lineItemId'],
    ['v1', 'id', 'id'],
    [undefined, 'id', 'id'],
  ] as const)('after %s, a %s is named %s', (previous, kind, name) => {
    expect(namePathParameter(previous, kind)).toBe(name);
  });
});
