import { describe, expect, it } from 'vitest';
import { scoreHtmlAttribute } from './score-html-attribute.js';

const score = (tag: string, name: string, value: string) =>
  scoreHtmlAttribute(tag, { name, value, start: 0 });

describe('scoreHtmlAttribute', () => {
  it.each([
    ['img', 'onerror', 'alert(1)', 'xss-event-handler'],
    ['x', 'oncustomthing', 'x', 'xss-event-handler'],
    ['a', 'href', 'javascript:alert(1)', 'xss-script-url'],
    ['a', 'href', ' \u000e java\tscript:alert(1)', 'xss-script-url'],
    ['a', 'href', 'vbscript:msgbox(1)', 'xss-script-url'],
    ['iframe', 'src', 'data:text/html;base64,PHNjcmlwdD4=', 'xss-data-url'],
    ['embed', 'src', 'data:image/svg+xml,<svg onload=alert(1)>', 'xss-data-url'],
    ['script', 'src', 'data:,alert(1)', 'xss-data-url'],
    ['meta', 'content', '0;url=javascript:alert(1)', 'xss-script-url'],
    ['iframe', 'srcdoc', '<script>alert(1)</script>', 'xss-srcdoc'],
    ['button', 'formaction', 'https://evil.example/collect', 'xss-form-action'],
    ['div', 'style', 'width: ex/**/pression(alert(1))', 'xss-css-script'],
    ['div', 'style', 'background:url( "javascript:alert(1)")', 'xss-css-script'],
    ['div', 'style', 'x:\\65 xpression(alert(1))', 'xss-css-script'],
    ['div', 'style', 'behavior: url(x.htc)', 'xss-css-script'],
    ['animate', 'attributename', 'href', 'xss-svg-animation'],
    ['set', 'attributename', 'onmouseover', 'xss-svg-animation'],
  ])('<%s %s=%j> scores (%s)', (tag, name, value, ruleId) => {
    const verdict = score(tag, name, value);
    expect(verdict?.ruleId).toBe(ruleId);
    expect(verdict?.score).toBeGreaterThanOrEqual(0.7);
  });

  it.each([
    ['a', 'href', 'https://example.com/docs'],
    ['a', 'href', 'mailto:someone@example.com'],
    ['img', 'src', 'data:image/png;base64,iVBORw0KGgo='],
    ['div', 'class', 'card javascript:none'],
    ['div', 'style', 'color: red; background: url(/img/a.png)'],
    ['meta', 'content', 'width=device-width, initial-scale=1'],
    ['iframe', 'srcdoc', 'plain text'],
    ['animate', 'attributename', 'opacity'],
    ['rect', 'attributename', 'href'],
    ['x', 'on', '1'],
    ['x', 'onx', '1'],
  ])('<%s %s=%j> scores nothing', (tag, name, value) => {
    expect(score(tag, name, value)).toBeUndefined();
  });
});
