import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createInjectionInspector,
  type InjectionInspector,
  type InjectionInspectorOptions,
} from '../src/create-injection-inspector.js';
import type { InspectInput } from '../src/inspect-input.js';

// Pins every result of the inspector: the CRS regression corpus as requests and its payloads placed in every
// position, and generated benign and keyword-seeded requests and values, each under four option sets (paranoia 1-3,
// and tight limits with a class subset). A group's answers (class, score, evidence, location, decoding layers, rule
// id, order) are hashed and compared with inspect-golden.json, made with the inspector as it was before its
// per-request cost work (commit 3c1b3b1), which the optimized one reproduced answer for answer against a frozen copy
// of it. Any change of results fails here, naming the group; to record a deliberate one, run
//   RAMPART_UPDATE_INSPECT_GOLDEN=1 npx vitest run packages/injection/test/inspect-golden.test.ts
// (it rewrites the file and fails once), then check bench/injection-crs.mjs and bench/injection-fp.mjs.

const CRS_INDEX = new URL('../../../../shared/data/crs-regression/crs_tests_index.jsonl', import.meta.url)
  .pathname;

/** The option sets every group is inspected under (one inspector each, reused: its verdict cache is part of it). */
const OPTION_SETS: readonly { readonly name: string; readonly options: InjectionInspectorOptions }[] = [
  { name: 'paranoia 1', options: { paranoia: 1 } },
  { name: 'paranoia 2', options: { paranoia: 2 } },
  { name: 'paranoia 3', options: { paranoia: 3 } },
  {
    name: 'paranoia 3, tight limits, some classes',
    options: {
      paranoia: 3,
      classes: ['sqli', 'xss', 'nosqli', 'ssrf', 'jndi', 'command', 'path-traversal'],
      maxValues: 9,
      maxDepth: 3,
      maxInputBytes: 80,
      maxDecodeDepth: 1,
    },
  },
];

interface GoldenEntry {
  /** SHA-256 of the JSON of every answer of the group, one per line, in order. */
  readonly digest: string;
  readonly answers: number;
  readonly hits: number;
}
interface Golden {
  /** The fast-check version the generated groups were sampled with (its generators decide the inputs). */
  readonly fastCheck: string;
  readonly groups: Record<string, GoldenEntry>;
}

const GOLDEN_FILE = new URL('./inspect-golden.json', import.meta.url);
const UPDATE = process.env.RAMPART_UPDATE_INSPECT_GOLDEN === '1';
const FAST_CHECK = (
  JSON.parse(readFileSync(new URL(import.meta.resolve('fast-check/package.json')), 'utf8')) as {
    version: string;
  }
).version;
const golden: { fastCheck: string; groups: Record<string, GoldenEntry> } = existsSync(GOLDEN_FILE)
  ? (JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Golden)
  : { fastCheck: FAST_CHECK, groups: {} };

/** Compares (or, in update mode, records) the digest of a group's answers; returns how many hits they held. */
function pin(group: string, answers: readonly unknown[]): number {
  const hash = createHash('sha256');
  let hits = 0;
  for (const answer of answers) {
    // Serialized, so that the order of each hit's properties is pinned too (what a stored event shows).
    hash.update(JSON.stringify(answer));
    hash.update('\n');
    if (Array.isArray(answer)) hits += answer.length;
  }
  const entry: GoldenEntry = { digest: hash.digest('hex'), answers: answers.length, hits };
  if (UPDATE) golden.groups[group] = entry;
  else expect(entry, `results of "${group}" changed`).toEqual(golden.groups[group]);
  return hits;
}

afterAll(() => {
  if (!UPDATE) return;
  golden.fastCheck = FAST_CHECK;
  writeFileSync(GOLDEN_FILE, `${JSON.stringify(golden, null, 2)}\n`);
  // Never passes in update mode: a run that rewrote the file must be followed by one that checks it.
  throw new Error(
    `${GOLDEN_FILE.pathname} rewritten; run the test again without RAMPART_UPDATE_INSPECT_GOLDEN`,
  );
});

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

describe('inspector results pinned (inspect-golden.json)', () => {
  it.skipIf(!existsSync(CRS_INDEX))(
    'on every CRS regression stage, and its payloads in every position',
    () => {
      const stages = readFileSync(CRS_INDEX, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as CrsStage);
      expect(stages.length).toBeGreaterThan(4000);
      const inspectors = OPTION_SETS.map(({ options }) => createInjectionInspector(options));
      const byStage: unknown[][] = OPTION_SETS.map(() => []);
      const placed: unknown[] = [];
      const seen = new Set<string>();
      for (const stage of stages) {
        const { input, payloads } = stageInput(stage);
        for (let i = 0; i < inspectors.length; i++) byStage[i]?.push(inspectors[i]?.inspect(input));
        for (const payload of payloads) {
          if (payload === '' || seen.has(payload)) continue;
          seen.add(payload);
          // Each payload placed everywhere under one option set, taken in turn (the test stays within seconds).
          const inspector = inspectors[seen.size % inspectors.length] as InjectionInspector;
          for (const input of placements(payload)) placed.push(inspector.inspect(input));
        }
      }
      let hits = 0;
      OPTION_SETS.forEach(({ name }, i) => {
        hits += pin(`crs stages, ${name}`, byStage[i] as unknown[]);
      });
      hits += pin('crs payloads placed', placed);
      // The corpus is mostly attacks: digests of empty results only would prove nothing.
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

  // The generated groups depend on fast-check's generators: sampled with a fixed seed, they are the same inputs as
  // long as fast-check is the version the digests were made with.
  const sameGenerators = golden.fastCheck === FAST_CHECK || UPDATE;

  it.skipIf(!sameGenerators)('on generated benign and keyword-seeded requests', () => {
    const inputs = fc.sample(input, { numRuns: 1500, seed: 20_240_601 });
    let hits = 0;
    for (const { name, options } of OPTION_SETS) {
      const inspector = createInjectionInspector(options);
      // Twice each: the second answer comes from the verdict cache and must be the same.
      hits += pin(
        `generated requests, ${name}`,
        inputs.flatMap((generated) => [inspector.inspect(generated), inspector.inspect(generated)]),
      );
    }
    expect(hits).toBeGreaterThan(1000);
  });

  it.skipIf(!sameGenerators)('on single values at any location', () => {
    const location = fc.tuple(
      fc.constantFrom('path', 'query.', 'header.', 'cookie.', 'body.', 'body./a/', 'other', ''),
      fc.oneof(fc.constant(''), key),
      fc.constantFrom('', '[key]', '[filename]'),
    );
    const samples = fc.sample(fc.tuple(text, location), { numRuns: 1500, seed: 7 });
    let hits = 0;
    for (const { name, options } of OPTION_SETS) {
      const inspector = createInjectionInspector(options);
      hits += pin(
        `generated values, ${name}`,
        samples.map(([value, [head, name, tail]]) => inspector.inspectValue(value, `${head}${name}${tail}`)),
      );
    }
    expect(hits).toBeGreaterThan(100);
  });
});
