import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();
const fires = (value: string, location = 'query.next') =>
  inspector.inspectValue(value, location).some((h) => h.class === 'crlf');

describe('crlf detector', () => {
  it.each([
    'foo%0d%0aSet-Cookie:%20admin=1',
    '/%0d%0aLocation:%20https://evil.example',
    'x%0D%0A%0D%0A<html>owned</html>',
    'x%0d%0aHTTP/1.1 200 OK',
    'bob%0a2024-01-01 12:00:00 INFO user admin logged in',
    'bob%0d%0a[ERROR] disk full',
  ])('fires on %j', (value) => {
    expect(fires(value)).toBe(true);
  });

  it('fires on any line break in a header value', () => {
    expect(fires('abc\r\nX-Injected: 1', 'header.x-custom')).toBe(true);
    expect(fires('abc\nfoo', 'header.x-custom')).toBe(true);
  });

  it.each([
    'Line one\nLine two',
    'Address:\n221B Baker Street\nLondon',
    'Notes:\nLocation: Paris, 2nd floor',
  ])('does not fire on multi-line body text %j', (value) => {
    expect(fires(value, 'body./comment')).toBe(false);
  });
});
