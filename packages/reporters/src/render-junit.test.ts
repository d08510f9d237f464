import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { ReportInput } from './report-input.js';
import { renderJunit } from './render-junit.js';
import {
  AUDIT_INPUT,
  COMBINED_INPUT,
  EMPTY_INPUT,
  HOSTILE_INPUT,
  SAMPLE_TOKEN,
  SCAN_INPUT,
} from './sample-report.fixture.js';

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses with saxes, a conforming XML 1.0 parser (rejects illegal characters and bad nesting); throws on error. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes))
      attributes[k] = typeof v === 'string' ? v : (v as { value: string }).value;
    const node: XmlNode = { name: tag.name, attributes, children: [], text: '' };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  const [doc] = root.children;
  if (doc === undefined) throw new Error('no root element');
  return doc;
}

const suites = (doc: XmlNode) => doc.children.filter((c) => c.name === 'testsuite');
const cases = (suite: XmlNode) => suite.children.filter((c) => c.name === 'testcase');

describe('renderJunit', () => {
  it.each([
    ['audit', AUDIT_INPUT],
    ['scan with checked cases and an engine error', SCAN_INPUT],
    ['combined', COMBINED_INPUT],
    ['empty', EMPTY_INPUT],
    ['hostile text with control characters', HOSTILE_INPUT],
  ] as [string, ReportInput][])('%s: well-formed XML whose counts add up', (_name, input) => {
    const doc = parseXml(renderJunit(input));
    expect(doc.name).toBe('testsuites');
    let tests = 0;
    let failures = 0;
    let errors = 0;
    for (const s of suites(doc)) {
      const list = cases(s);
      const f = list.filter((c) => c.children.some((x) => x.name === 'failure')).length;
      const e = list.filter((c) => c.children.some((x) => x.name === 'error')).length;
      expect(Number(s.attributes['tests'])).toBe(list.length);
      expect(Number(s.attributes['failures'])).toBe(f);
      expect(Number(s.attributes['errors'])).toBe(e);
      tests += list.length;
      failures += f;
      errors += e;
    }
    expect(Number(doc.attributes['tests'])).toBe(tests);
    expect(Number(doc.attributes['failures'])).toBe(failures);
    expect(Number(doc.attributes['errors'])).toBe(errors);
  });

  it('has one suite per subject and one case per rule and operation, from the checked list', () => {
    const doc = parseXml(renderJunit(SCAN_INPUT));
    const [suite] = suites(doc);
    expect(suite?.attributes['name']).toBe('https://api.example.com');
    expect(
      cases(suite!).map((c) => [
        c.attributes['classname'],
        c.attributes['name'],
        c.children.map((x) => x.name),
      ]),
    ).toEqual([
      ['https://api.example.com.API1', 'bola-id-swap (engine error)', ['error']],
      ['https://api.example.com.API1', 'bola-id-swap (GET /orders/{id})', []],
      ['https://api.example.com.API1', 'bola-id-swap (GET /users/{id})', ['failure']],
      ['https://api.example.com.API8', 'security-headers-missing (GET /)', ['failure']],
    ]);
  });

  it('lists a passing case for every rule that ran on a subject of its kind when there is no checked list', () => {
    const doc = parseXml(renderJunit(COMBINED_INPUT));
    const [petstore, api] = suites(doc);
    expect(cases(petstore!).map((c) => c.attributes['name'])).toEqual([
      'missing-rate-limit (GET /pets)',
      'operation-id-missing',
      'server-url-plain-http',
      'write-operation-without-security (POST /pets)',
    ]);
    expect(cases(api!).map((c) => c.attributes['name'])).toEqual([
      'bola-id-swap (engine error)',
      'bola-id-swap (GET /users/{id})',
      'security-headers-missing (GET /)',
    ]);
    const empty = parseXml(renderJunit(EMPTY_INPUT));
    expect(cases(suites(empty)[0]!).every((c) => c.children.length === 0)).toBe(true);
    expect(empty.attributes['tests']).toBe('3');
  });

  it('puts the severity and message in <failure> and the evidence and fix in its body', () => {
    const doc = parseXml(renderJunit(SCAN_INPUT));
    const failure = cases(suites(doc)[0]!)[2]!.children[0]!;
    expect(failure.attributes['type']).toBe('critical');
    expect(failure.attributes['message']).toBe(
      '[critical] Identity "bob" read user 1001 (owned by "alice") through GET /users/{id}: 200 with alice’s email.',
    );
    expect(failure.text).toContain('Request: GET https://api.example.com/users/1001');
    expect(failure.text).toContain('authorization: Bearer [redacted]');
    expect(failure.text).toContain('Fix: Authorize object access by owner');
    expect(renderJunit(SCAN_INPUT)).not.toContain(SAMPLE_TOKEN);
  });

  it('keeps hostile text as text: control characters shown as escapes, markup escaped', () => {
    const xml = renderJunit(HOSTILE_INPUT);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const doc = parseXml(xml);
    const failure = cases(suites(doc)[0]!)
      .flatMap((c) => c.children)
      .find((x) => x.name === 'failure')!;
    expect(failure.text).toContain('<script>alert(1)</script>');
    expect(failure.text).toContain('\\u001B[2J');
    expect(failure.attributes['message']).toContain('"onerror="alert(2)"');
  });
});
