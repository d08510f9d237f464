import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();
const fires = (value: string) => inspector.inspectValue(value, 'query.q').some((h) => h.class === 'xss');

describe('xss detector', () => {
  it.each([
    '<script>alert(1)</script>',
    '<ScRiPt src=//evil.example/x.js></sCrIpT>',
    '"><img src=x onerror=alert(1)>',
    "' autofocus onfocus=alert(document.domain) x='",
    '<svg/onload=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    'java\tscript:alert(1)',
    '<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>',
    '<div style="background:url(javascript:alert(1))">',
    "';alert(String.fromCharCode(88,83,83))//",
    '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '%253Cscript%253Ealert(1)%253C%252Fscript%253E',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '&#x6a;avascript:alert(1)',
    '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e',
    '＜script＞alert(1)＜/script＞',
    '<!--#exec cmd="ls"-->',
  ])('fires on %j', (value) => {
    expect(fires(value)).toBe(true);
  });

  it.each([
    'a < b and c > d holds',
    'JavaScript: The Good Parts',
    'I love this! <3',
    'Use <b>bold</b> and <i>italic</i>',
    'price < 10 && rating > 4',
    'online=true',
    'See https://example.com/path?x=1&y=2',
    'the document was signed',
  ])('does not fire on %j', (value) => {
    expect(fires(value)).toBe(false);
  });

  it('reports formatting tags only at paranoia 3', () => {
    const strict = createInjectionInspector({ paranoia: 3 });
    expect(strict.inspectValue('Use <b>bold</b>', 'body./text').some((h) => h.class === 'xss')).toBe(true);
  });
});

describe('xss detector: namespaced and spaced tags, parenthesis-free calls, hidden schemes', () => {
  const rule = (value: string) =>
    inspector.inspectValue(value, 'query.q').find((h) => h.class === 'xss')?.ruleId;

  it.each([
    ['<svg:script>alert(1)</svg:script>', 'xss-dangerous-tag'],
    ['< v: vmlframe src=x>', 'xss-dangerous-tag'],
    ['<s c r i p t>', 'xss-spaced-tag'],
    ['[].map.call`${alert}`', 'xss-script-sink'],
    ['document .cookie', 'xss-script-sink'],
    ['jav&#x09;ascript:alert(1)', 'xss-script-url'],
    ['<style>@import "//evil.example/x.css"</style>', 'xss-css-script'],
    ['<x xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="javascript:alert(1)">', 'xss-script-url'],
    ['<x xmlns="http://www.w3.org/1999/xhtml" a="b">', 'xss-namespace-attribute'],
    ['(![]+[])[+[]]', 'xss-jsfuck'],
  ])('fires on %j (%s)', (value, ruleId) => {
    expect(rule(value)).toBe(ruleId);
  });

  it.each([
    '1. Call `GET /orders`\n2. Check `items.length`',
    'Use the data: field for details',
    'a < b and c > d',
    'JavaScript: The Good Parts',
    'documents.pdf',
  ])('does not fire on %j', (value) => {
    expect(fires(value)).toBe(false);
  });

  it('accepts namespaces in a whole XML body but not in a field', () => {
    const feed = '<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title></feed>';
    expect(inspector.inspect({ body: feed }).filter((h) => h.class === 'xss')).toEqual([]);
  });

  it('does not read a file name as script', () => {
    expect(inspector.inspect({ headers: { 'x-filename': 'document.pdf' } })).toEqual([]);
  });
});
