import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();
const hitsAt = (value: string, location: string) =>
  inspector.inspectValue(value, location).some((h) => h.class === 'path-traversal');

describe('path traversal detector', () => {
  it.each([
    '../../../etc/passwd',
    '..\\..\\..\\windows\\win.ini',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '%252e%252e%252f%252e%252e%252f',
    '..%c0%af..%c0%afetc/passwd',
    '%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '....//....//etc/passwd',
    '..;/..;/admin',
    '/etc/shadow',
    '/proc/self/environ',
    'C:\\Windows\\win.ini',
    'file:///etc/passwd',
    '../config.php',
    'image.png%00.php',
  ])('fires on %j', (value) => {
    expect(hitsAt(value, 'query.file')).toBe(true);
  });

  it.each([
    'C:\\Users\\bob\\Documents\\invoice #12.pdf',
    'reports/2024/q3.pdf',
    'Wait... what?',
    'v1.2.3',
    '/docs/../api', // one step in the middle of a value: paranoia 2 (relative links look like this)
    'https://example.com/a/b',
  ])('does not fire on %j at paranoia 1', (value) => {
    expect(hitsAt(value, 'query.file')).toBe(false);
  });

  it('scores a single mid-value ../ at paranoia 2', () => {
    const p2 = createInjectionInspector({ paranoia: 2 });
    expect(p2.inspectValue('/docs/../api', 'query.file').some((h) => h.class === 'path-traversal')).toBe(
      true,
    );
  });

  it('flags hidden files in the URL path but not /.well-known/', () => {
    expect(inspector.inspect({ path: '/.env' }).some((h) => h.class === 'path-traversal')).toBe(true);
    expect(inspector.inspect({ path: '/.git/config' }).some((h) => h.class === 'path-traversal')).toBe(true);
    expect(inspector.inspect({ path: '/.well-known/openid-configuration' })).toEqual([]);
  });
});

describe('path traversal detector: hex dots, system paths in the URL path, dumps and logs', () => {
  it.each([
    ['0x2e0x2e0x2fetc0x2fpasswd', 'query.q'],
    ['0x5c0x2e./', 'header.x-thing'],
    ['/files/etc/passwd', 'path'],
    ['/static/proc/self/environ', 'path'],
    ['/backup/db.sql.gz', 'path'],
    ['/wp-content/debug.log', 'path'],
    ['dump.sql.zip', 'query.file'],
  ])('fires on %j at %s', (value, location) => {
    expect(hitsAt(value, location)).toBe(true);
  });

  it.each([
    ['error.log', 'query.file'],
    ['/api/logs/errors', 'path'],
    ['/api/etc/settings', 'path'],
    ['0x2e is a dot', 'query.q'],
  ])('does not fire on %j at %s', (value, location) => {
    expect(hitsAt(value, location)).toBe(false);
  });
});
