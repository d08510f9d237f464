import { describe, expect, it } from 'vitest';
import { loadApiFromString } from './load-api-from-string.js';
import { mayHaveMember } from './may-have-member.js';

const KEY = 'x-rampart-ignore';

describe('mayHaveMember', () => {
  it('is true when the text spells the name, false when it cannot', () => {
    expect(mayHaveMember('{"x-rampart-ignore": {}}', KEY, 'json')).toBe(true);
    expect(mayHaveMember('{"x-other": "a\\nb \\"quoted\\""}', KEY, 'json')).toBe(false);
    expect(mayHaveMember('x-other: 1\n', KEY, 'yaml')).toBe(false);
  });

  it('is true when an escape could spell the name', () => {
    // JSON: only \u escapes can produce letters and hyphens; YAML double quotes have \x, \u and more.
    expect(mayHaveMember('{"\\u0078-rampart-ignore": {}}', KEY, 'json')).toBe(true);
    expect(mayHaveMember('"\\x78-rampart-ignore": {}\n', KEY, 'yaml')).toBe(true);
    expect(mayHaveMember('{"a": "\\n"}', KEY, 'yaml')).toBe(true);
  });
});

describe('ApiModel.mayHaveMember', () => {
  const doc = (extra: string) =>
    `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {${extra}"responses": {"200": {"description": "ok"}}}}}}`;

  it('answers for the loaded JSON document, escapes included', async () => {
    expect((await loadApiFromString(doc(''), 'a.json')).mayHaveMember?.(KEY)).toBe(false);
    expect((await loadApiFromString(doc(`"${KEY}": [], `), 'a.json')).mayHaveMember?.(KEY)).toBe(true);
    const escaped = await loadApiFromString(doc('"\\u0078-rampart-ignore": [], '), 'a.json');
    expect(escaped.mayHaveMember?.(KEY)).toBe(true);
    expect(Object.keys(escaped.operations[0]!.extensions)).toEqual([KEY]);
  });

  it('answers for YAML documents', async () => {
    const yaml = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n';
    expect((await loadApiFromString(yaml, 'a.yaml')).mayHaveMember?.(KEY)).toBe(false);
    expect((await loadApiFromString(`${yaml}${KEY}: []\n`, 'a.yaml')).mayHaveMember?.(KEY)).toBe(true);
  });
});
