import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HTML_REPORT_CSP, renderHtml } from './render-html.js';
import type { ReportInput } from './report-input.js';
import {
  AUDIT_INPUT,
  COMBINED_INPUT,
  EMPTY_INPUT,
  HOSTILE_INPUT,
  SAMPLE_API_KEY,
  SAMPLE_PASSWORD,
  SAMPLE_TOKEN,
  SCAN_INPUT,
} from './sample-report.fixture.js';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

interface Tag {
  readonly name: string;
  readonly raw: string;
  /** Parsed attributes; `rest` is what the attribute grammar could not consume (must be empty). */
  readonly attributes: readonly { name: string; value: string | undefined }[];
  readonly rest: string;
}

/**
 * Every start tag with its attributes. Values are double-quoted and, when escaping works, contain no raw `"`,
 * `<` or `>`: so `name="value"` pairs consume the whole attribute text, and anything left over is an injection.
 */
function tags(html: string): Tag[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)].map((m) => {
    const raw = m[2] ?? '';
    const attributes: { name: string; value: string | undefined }[] = [];
    const rest = raw
      .replace(
        /\s([a-zA-Z][a-zA-Z0-9:-]*)(?:="([^"<>]*)")?/g,
        (_all, name: string, value: string | undefined) => {
          attributes.push({ name: name.toLowerCase(), value });
          return '';
        },
      )
      .replace(/\s*\/$/, '');
    return { name: (m[1] ?? '').toLowerCase(), raw, attributes, rest };
  });
}

const cases: [string, ReportInput][] = [
  ['audit', AUDIT_INPUT],
  ['scan with exchanges and an engine error', SCAN_INPUT],
  ['combined', COMBINED_INPUT],
  ['empty', EMPTY_INPUT],
  ['hostile', HOSTILE_INPUT],
];

describe('renderHtml', () => {
  it.each(cases)('%s: one self-contained file that loads nothing from the network', (_name, input) => {
    const html = renderHtml(input);
    for (const tag of tags(html)) {
      const where = `<${tag.name}${tag.raw}>`;
      expect(tag.rest, where).toBe('');
      for (const a of tag.attributes) {
        // No attribute that makes the browser fetch something; anchors navigate on click, they do not load.
        expect(
          ['src', 'srcset', 'poster', 'data', 'action', 'formaction', 'background'],
          where,
        ).not.toContain(a.name);
        if (a.name === 'href' && tag.name !== 'a') expect(a.value, where).toBe('data:,');
      }
      expect(
        ['iframe', 'img', 'object', 'embed', 'video', 'audio', 'base', 'form', 'image'],
        where,
      ).not.toContain(tag.name);
    }
    expect(html).not.toMatch(
      /@import|url\(|@font-face|fetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon/,
    );
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<style/g)).toHaveLength(1);
  });

  it('declares a strict CSP whose hashes match the inline style and script exactly', () => {
    const html = renderHtml(COMBINED_INPUT);
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    const script = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? '';
    expect(HTML_REPORT_CSP).toContain("default-src 'none'");
    expect(HTML_REPORT_CSP).toContain(`style-src ${hash(style)}`);
    expect(HTML_REPORT_CSP).toContain(`script-src ${hash(script)}`);
    expect(HTML_REPORT_CSP).not.toContain('unsafe-inline');
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(0);
    expect(meta).toBeLessThan(html.indexOf('<style>'));
  });

  it('escapes attacker-controlled text everywhere: no injected element, attribute or handler', () => {
    const html = renderHtml(HOSTILE_INPUT);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"onerror=');
    expect(html).not.toContain("'>");
    for (const tag of tags(html)) {
      const where = `<${tag.name}${tag.raw}>`;
      expect(tag.rest, where).toBe('');
      for (const a of tag.attributes) expect(a.name, where).not.toMatch(/^on/);
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;onerror=&quot;alert(2)&quot;');
    expect(html).not.toContain('\u001b');
    expect(html).not.toContain('\u202e');
  });

  it('shows the charts, score gauge, filters and each finding’s evidence', () => {
    const html = renderHtml(COMBINED_INPUT);
    expect(html).toContain('aria-label="Findings by severity"');
    expect(html).toContain('aria-label="Findings by OWASP API Security Top 10 2023 category"');
    expect(html).toContain('aria-label="openapi/petstore.yaml: score 71 of 100"');
    expect(html).toContain('id="f-q"');
    expect(html).toContain('id="f-cat"');
    expect(html.match(/<tbody class="finding"/g)).toHaveLength(5);
    expect(html).toContain(
      'data-severity="critical" data-owasp="API1" data-subject="https://api.example.com"',
    );
    expect(html).toContain('<pre id="curl-0">curl -s -H &#39;Authorization: Bearer [redacted]&#39;');
    expect(html).toContain('HTTP 200  (42 ms)');
    expect(html).toContain('Engine errors (1)');
    expect(html).toContain('  post:\n    operationId: createPet\n    security: []');
  });

  it('keeps secrets redacted, including ones a buggy engine left in an exchange', () => {
    const html = renderHtml(SCAN_INPUT);
    for (const secret of [SAMPLE_TOKEN, SAMPLE_PASSWORD, SAMPLE_API_KEY]) expect(html).not.toContain(secret);
    expect(html).toContain('authorization: Bearer [redacted]');
  });

  it('says so when there are no findings', () => {
    expect(renderHtml(EMPTY_INPUT)).toContain('No findings. Every rule that ran passed.');
  });
});
