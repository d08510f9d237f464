import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createInjectionInspector,
  type InjectionInspector,
  type InjectionInspectorOptions,
} from '../src/create-injection-inspector.js';
import type { InspectInput } from '../src/inspect-input.js';
import { createInjectionInspector as createReferenceInspector } from './reference/create-injection-inspector.js';

// The inspector's per-request cost work must not change a single result: every input gives the same hits (class,
// score, evidence, location, decoding layers, rule id, order) as the frozen reference implementation, at every
// paranoia level, with the default options and with tight limits (budget, depth, clipping) and a class subset.

const CRS_INDEX = new URL('../../../../shared/data/crs-regression/crs_tests_index.jsonl', import.meta.url)
  .pathname;

/** One optimized inspector and the reference built with the same options. */
interface Pair {
  readonly name: string;
  readonly actual: InjectionInspector;
  readonly expected: InjectionInspector;
}

function pair(name: string, options: InjectionInspectorOptions): Pair {
  return { name, actual: createInjectionInspector(options), expected: createReferenceInspector(options) };
}

const PAIRS: readonly Pair[] = [
  pair('paranoia 1', { paranoia: 1 }),
  pair('paranoia 2', { paranoia: 2 }),
  pair('paranoia 3', { paranoia: 3 }),
  pair('paranoia 3, tight limits, some classes', {
    paranoia: 3,
    classes: ['sqli', 'xss', 'nosqli', 'ssrf', 'jndi', 'command', 'path-traversal'],
    maxValues: 9,
    maxDepth: 3,
    maxInputBytes: 80,
    maxDecodeDepth: 1,
  }),
];

/** Asserts that both inspectors of `p` return deep-equal hits for `input`; returns how many hits there were. */
function same(p: Pair, input: InspectInput): number {
  const expected = p.expected.inspect(input);
  const actual = p.actual.inspect(input);
  // Serialized equality also pins the order of each hit's properties (what a stored event or a log line shows).
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    expect({ options: p.name, input, hits: actual }).toStrictEqual({
      options: p.name,
      input,
      hits: expected,
    });
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  }
  return expected.length;
}

/** The request a gateway or sensor would hand over for one CRS regression stage (as bench/injection-crs.mjs). */
function stageInput(stage: CrsStage): { input: InspectInput; payloads: string[] } {
  let uri = stage.uri ?? '/';
  let headers: Record<string, string> = { ...(stage.headers ?? {}) };
  let data = stage.data;
  if (stage.encoded_request) {
    const raw = Buffer.from(stage.encoded_request, 'base64').toString('latin1');
    const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
    const lines = head.split(/\r?\n/);
    uri = (lines.shift() ?? '').split(' ')[1] ?? '/';
    headers = {};
    for (const line of lines) {
      const c = line.indexOf(':');
      if (c > 0) headers[line.slice(0, c).trim()] = line.slice(c + 1).trim();
    }
    data = rest.join('\n\n');
  }
  const input: { path: string; headers: Record<string, string>; body?: string } = { path: uri, headers };
  if (data !== null && data !== undefined && data !== '') input.body = String(data);
  // The attacker-controlled strings of the stage, to be placed elsewhere: query values, body, unusual headers.
  const payloads: string[] = [];
  const q = uri.indexOf('?');
  if (q >= 0)
    for (const part of uri.slice(q + 1).split('&')) {
      const eq = part.indexOf('=');
      const value = eq < 0 ? part : part.slice(eq + 1);
      try {
        payloads.push(decodeURIComponent(value.replace(/\+/g, ' ')));
      } catch {
        payloads.push(value);
      }
    }
  if (input.body !== undefined) payloads.push(input.body);
  for (const [name, value] of Object.entries(headers))
    if (!/^(?:host|accept|user-agent|content-type|content-length|connection)$/i.test(name))
      payloads.push(value);
  return { input, payloads };
}

interface CrsStage {
  readonly uri?: string;
  readonly headers?: Record<string, string>;
  readonly data?: string | null;
  readonly encoded_request?: string | null;
}

/** `payload` in each position the inspector treats differently: path, query, headers, cookies, JSON and text bodies. */
function placements(payload: string): InspectInput[] {
  return [
    {
      path: `/api/${encodeURIComponent(payload)}/x?q=${encodeURIComponent(payload)}&${encodeURIComponent(payload)}=1`,
      query: { p: payload, [payload]: ['1', payload] },
      headers: {
        'x-payload': payload,
        accept: payload,
        cookie: `c=${payload}; ${payload}`,
        'X-File-Name': payload,
      },
      cookies: { k: payload },
      body: { a: { [payload]: [payload, 1, { 'b/c~d': payload }] }, s: payload },
    },
    { body: payload },
    { path: payload },
  ];
}

describe('inspect equivalence with the frozen reference', () => {
  it.skipIf(!existsSync(CRS_INDEX))(
    'gives the same hits on every CRS regression stage, in every position',
    () => {
      const stages = readFileSync(CRS_INDEX, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as CrsStage);
      expect(stages.length).toBeGreaterThan(4000);
      const seen = new Set<string>();
      let hits = 0;
      for (const stage of stages) {
        const { input, payloads } = stageInput(stage);
        for (const p of PAIRS) hits += same(p, input);
        for (const payload of payloads) {
          if (payload === '' || seen.has(payload)) continue;
          seen.add(payload);
          // Each payload placed everywhere under one option set, taken in turn (the test stays within seconds).
          const p = PAIRS[seen.size % PAIRS.length] as Pair;
          for (const placed of placements(payload)) hits += same(p, placed);
        }
      }
      // The corpus is mostly attacks: a comparison of empty results only would prove nothing.
      expect(hits).toBeGreaterThan(20_000);
      expect(seen.size).toBeGreaterThan(2000);
    },
  );

  const FRAGMENTS = [
    "'",
    '"',
    '`',
    ' OR 1=1--',
    ' UNION SELECT ',
    'select',
    'sleep(5)',
    ';',
    '|',
    '&&',
    '$(',
    '${jndi:ldap://x/a}',
    '${',
    '}',
    '{{7*7}}',
    '<script>',
    '<img src=x onerror=alert(1)>',
    'javascript:',
    '../',
    '..\\',
    '/etc/passwd',
    '%2e%2e%2f',
    '%27',
    '%u0027',
    '&#x27;',
    '\\u003c',
    '\r\n',
    '\n',
    '$ne',
    '$where',
    '__proto__',
    'constructor',
    'prototype',
    'http://127.0.0.1/',
    'http://169.254.169.254/latest/meta-data',
    'gopher://',
    'file:///',
    'localhost',
    'cat ',
    'wget ',
    'python3 ',
    'ping -c 1 ',
    'rO0AB',
    'aced0005',
    'O:8:"stdClass":0:{}',
    '<?php',
    'php://filter',
    '<!ENTITY',
    'xi:include',
    '*)(uid=*',
    'java.lang.Runtime',
    'document.cookie',
    'window',
    'process.env',
    'require(',
    '::',
    '.bak',
    '.sql',
    'if ',
    'for ',
    'Zoë ',
    'ſ',
    'K',
    '＜',
    '~',
    '/',
    ' ',
    '=',
    '+',
    '-',
    '.',
    '0x2e',
  ];
  const ATTACKS = [
    "' OR '1'='1",
    '<script>alert(1)</script>',
    '${jndi:ldap://e/a}',
    '; cat /etc/passwd',
    '{"$ne":1}',
  ];

  const benignText = fc.oneof(
    fc.uuid(),
    fc.emailAddress(),
    fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.integer().map(String),
    fc.double({ noNaN: true }).map(String),
    fc.stringMatching(/^[0-9a-f]{8,64}$/),
    fc.base64String({ minLength: 4, maxLength: 80 }),
    fc.stringMatching(/^[A-Za-z0-9 _.,-]{0,60}$/),
    fc.lorem({ maxCount: 8 }),
    fc.webUrl(),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  );
  const seededText = fc.oneof(
    fc
      .array(fc.oneof(fc.constantFrom(...FRAGMENTS), benignText), { minLength: 1, maxLength: 6 })
      .map((xs) => xs.join('')),
    fc.constantFrom(...ATTACKS).map((a) => Buffer.from(a).toString('base64')),
    fc.constantFrom(...ATTACKS).map((a) => encodeURIComponent(encodeURIComponent(a))),
    fc.constantFrom(...ATTACKS).map((a) => JSON.stringify({ q: a, list: [a] })),
  );
  const text = fc.oneof({ weight: 2, arbitrary: benignText }, { weight: 3, arbitrary: seededText });
  const key = fc.oneof(
    text,
    fc.constantFrom('$ne', '$gt', '__proto__', 'a/b', 'c~d', '~1', '', 'constructor'),
  );
  const json = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  const headerName = fc.constantFrom(
    'user-agent',
    'accept',
    'Authorization',
    'cookie',
    'referer',
    'x-forwarded-for',
    'x-file-name',
    'sec-ch-ua',
    'X-Custom',
    'origin',
  );
  const input: fc.Arbitrary<InspectInput> = fc.record(
    {
      path: fc.oneof(
        text.map((t) => `/api/${t}`),
        fc
          .tuple(text, key, text)
          .map(([p, k, v]) => `/api/${encodeURIComponent(p)}?${encodeURIComponent(k)}=${v}`),
        text,
      ),
      query: fc.dictionary(key, fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 3 }),
      headers: fc.dictionary(headerName, fc.oneof(text, fc.array(text, { maxLength: 2 })), { maxKeys: 4 }),
      cookies: fc.dictionary(key, text, { maxKeys: 2 }),
      body: fc.oneof(
        json,
        text,
        fc.dictionary(key, text, { maxKeys: 3 }).map((d) =>
          Object.entries(d)
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
            .join('&'),
        ),
        text.map((t) => `<?xml version="1.0"?><r a="${t}">${t}</r>`),
        text.map(
          (t) => `--b\r\nContent-Disposition: form-data; name="f"; filename="${t}"\r\n\r\n${t}\r\n--b--`,
        ),
      ),
    },
    { requiredKeys: [] },
  );

  it('gives the same hits on generated benign and keyword-seeded requests', () => {
    let hits = 0;
    fc.assert(
      fc.property(input, (generated) => {
        // Twice: the second call answers repeated values from the verdict cache.
        for (const p of PAIRS) hits += same(p, generated) + same(p, generated);
      }),
      { numRuns: 1500, seed: 20_240_601 },
    );
    expect(hits).toBeGreaterThan(1000);
  });

  it('gives the same hits for single values at any location', () => {
    const location = fc.tuple(
      fc.constantFrom('path', 'query.', 'header.', 'cookie.', 'body.', 'body./a/', 'other', ''),
      fc.oneof(fc.constant(''), key),
      fc.constantFrom('', '[key]', '[filename]'),
    );
    fc.assert(
      fc.property(text, location, (value, [head, name, tail]) => {
        for (const p of PAIRS) {
          const where = `${head}${name}${tail}`;
          expect(p.actual.inspectValue(value, where)).toStrictEqual(p.expected.inspectValue(value, where));
        }
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});
