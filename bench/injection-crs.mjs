#!/usr/bin/env node
// Replays the OWASP CRS regression tests (../../shared/data/crs-regression) through @rampart/injection and reports
// recall per CRS attack class beside the CRS's own recall at paranoia level 1, plus hits on the CRS "benign" stages.
//
//   npx tsc -b packages/injection && node bench/injection-crs.mjs [--paranoia 1|2|3] [--json out.json]
//       [--misses 942|xss|sqli|…] [--split even|odd|all|dev|holdout] [--holdout-seed 941]
//
// Held-out splits: detections were first developed looking only at stages of CRS rules with an EVEN id; the ODD
// column is that held-out estimate. For 941 XSS (where the odd ids are only 8 stages) a second split holds out a
// random third of the attack stages (mulberry32 shuffle, fixed --holdout-seed): XSS work looks only at the `dev`
// two thirds (`--misses xss` shows dev misses), and the `holdout` row is reported separately.
// CRS-PL1 recall = the fraction of a class's attack stages whose expected rule has rule_paranoia_level 1 (what CRS at paranoia 1 detects by construction; unknown levels count as not PL1).
import { readFileSync, writeFileSync } from 'node:fs';
import { createInjectionInspector } from '../packages/injection/dist/index.js';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const paranoia = Number(flag('paranoia', '1'));
const corpus = flag(
  'corpus',
  new URL('../../shared/data/crs-regression/crs_tests_index.jsonl', import.meta.url).pathname,
);
/** Class names accepted by --misses besides the CRS codes. */
const CODE_OF = {
  lfi: '930',
  rfi: '931',
  rce: '932',
  php: '933',
  generic: '934',
  xss: '941',
  sqli: '942',
  java: '944',
};
const missArg = flag('misses', undefined);
const showMisses = missArg === undefined ? undefined : (CODE_OF[missArg.toLowerCase()] ?? missArg);
// Misses are printed for the development split only unless --split says otherwise: even rule ids, or for 941 the
// random two thirds that are not held out.
const missSplit = flag('split', showMisses === '941' ? 'dev' : 'even');
const holdoutSeed = Number(flag('holdout-seed', '941'));

/** The CRS class of each category and the Rampart classes that count as "the same attack". */
const CLASSES = {
  942: { name: 'SQLi', ours: ['sqli', 'nosqli'] }, // CRS files MongoDB operator injection (942290) under SQLi
  // CRS files XML entity declarations (`<!ENTITY % x SYSTEM "http://…">`, rule 941130) under XSS; Rampart reports
  // them as `xxe`. The row "941 xss-only" below counts `xss` hits alone.
  941: { name: 'XSS', ours: ['xss', 'xxe'] },
  932: { name: 'RCE', ours: ['command'] },
  930: { name: 'LFI', ours: ['path-traversal'] },
  931: { name: 'RFI', ours: ['php', 'ssrf', 'path-traversal'] },
  933: { name: 'PHP', ours: ['php', 'deserialization'] },
  934: { name: 'Generic', ours: ['ssrf', 'template', 'nosqli', 'command', 'jndi', 'xss', 'deserialization'] },
  944: { name: 'Java', ours: ['jndi', 'deserialization', 'template', 'command'] },
};

function parseEncoded(encoded) {
  const raw = Buffer.from(encoded, 'base64').toString('latin1');
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const lines = head.split(/\r?\n/);
  const [method, uri] = (lines.shift() ?? '').split(' ');
  const headers = {};
  for (const line of lines) {
    const c = line.indexOf(':');
    if (c > 0) headers[line.slice(0, c).trim()] = line.slice(c + 1).trim();
  }
  return { method, uri, headers, data: rest.join('\n\n') };
}

/** Builds the InspectInput a gateway or sensor would hand over for this stage. */
function toInput(stage) {
  const req = stage.encoded_request ? parseEncoded(stage.encoded_request) : stage;
  const headers = { ...(req.headers ?? {}) };
  const input = { path: req.uri ?? '/', headers };
  if (req.data !== null && req.data !== undefined && req.data !== '') input.body = String(req.data);
  return input;
}

const stages = readFileSync(corpus, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const inspector = createInjectionInspector({ paranoia });

/** A random third of the 941 attack stages, fixed by --holdout-seed: the XSS hold-out set. */
const holdout = (() => {
  let state = holdoutSeed | 0;
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const xss = stages.filter((s) => s.label === 'attack' && s.category.startsWith('REQUEST-941'));
  const keys = xss.map((s) => `${s.file}#${s.test_id}#${s.stage}`).sort();
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  return new Set(keys.slice(0, Math.round(keys.length / 3)));
})();
const stageKey = (s) => `${s.file}#${s.test_id}#${s.stage}`;

const table = {};
/** 941 counted with `xss` hits only (all / dev / holdout). */
const strict = { all: { n: 0, matched: 0 }, dev: { n: 0, matched: 0 }, holdout: { n: 0, matched: 0 } };
const benign = { all: { n: 0, fired: 0 }, byClass: {} };
const misses = [];
let elapsed = 0n;
const times = [];
// Warm-up pass so the timings below are of optimized code.
for (const stage of stages) inspector.inspect(toInput(stage));
for (const stage of stages) {
  const code = /^REQUEST-(\d{3})/.exec(stage.category)?.[1];
  const cls = CLASSES[code];
  const input = toInput(stage);
  const t0 = process.hrtime.bigint();
  const hits = inspector.inspect(input);
  const dt = process.hrtime.bigint() - t0;
  elapsed += dt;
  times.push(Number(dt) / 1000);
  if (stage.label === 'benign' && cls) {
    benign.all.n++;
    benign.byClass[code] ??= { n: 0, fired: 0, classes: {} };
    const b = benign.byClass[code];
    b.n++;
    if (hits.length > 0) {
      benign.all.fired++;
      b.fired++;
      for (const h of hits) b.classes[h.class] = (b.classes[h.class] ?? 0) + 1;
    }
  }
  if (stage.label !== 'attack' || !cls) continue;
  const split = stage.rule_id % 2 === 0 ? 'even' : 'odd';
  const random = code === '941' ? (holdout.has(stageKey(stage)) ? 'holdout' : 'dev') : undefined;
  table[code] ??=
    code === '941'
      ? { all: zero(), even: zero(), odd: zero(), dev: zero(), holdout: zero() }
      : { all: zero(), even: zero(), odd: zero() };
  const row = table[code];
  const any = hits.length > 0;
  const matched = hits.some((h) => cls.ours.includes(h.class));
  if (code === '941') {
    strict.all.n++;
    strict[random].n++;
    if (hits.some((h) => h.class === 'xss')) {
      strict.all.matched++;
      strict[random].matched++;
    }
  }
  for (const key of random === undefined ? ['all', split] : ['all', split, random]) {
    const r = row[key];
    r.n++;
    if (stage.rule_paranoia_level === 1) r.crs++;
    else {
      r.beyond++;
      if (matched) r.beyondMatched++;
    }
    if (any) r.any++;
    if (matched) r.matched++;
  }
  if (!matched && showMisses === code && (missSplit === 'all' || missSplit === split || missSplit === random))
    misses.push(stage);
}

function zero() {
  return { n: 0, crs: 0, any: 0, matched: 0, beyond: 0, beyondMatched: 0 };
}
const pct = (a, b) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

times.sort((a, b) => a - b);
console.log(
  `CRS regression replay: ${stages.length} stages, paranoia ${paranoia}; µs per request: mean ${(Number(elapsed) / stages.length / 1000).toFixed(1)}, median ${times[times.length >> 1].toFixed(1)}, p99 ${times[Math.floor(times.length * 0.99)].toFixed(1)}`,
);
console.log(
  `941 XSS dev/holdout: a random third of its attack stages held out (seed ${holdoutSeed}); XSS work looked only at dev`,
);
console.log(
  'class      split    stages  CRS-PL1  Rampart(any hit)  Rampart(class-matched)  class-matched on stages CRS-PL1 misses',
);
const summary = {};
for (const [code, cls] of Object.entries(CLASSES)) {
  const row = table[code];
  if (!row) continue;
  summary[code] = row;
  for (const split of Object.keys(row)) {
    const r = row[split];
    console.log(
      `${`${code} ${cls.name}`.padEnd(12)}${split.padEnd(8)}${String(r.n).padStart(6)}  ${pct(r.crs, r.n)}  ${pct(r.any, r.n).padStart(16)}  ${pct(r.matched, r.n).padStart(22)}  ${`${r.beyondMatched}/${r.beyond}`.padStart(9)} ${pct(r.beyondMatched, r.beyond)}`,
    );
  }
}
console.log(
  `941 XSS counting xss hits only: all ${pct(strict.all.matched, strict.all.n).trim()}, dev ${pct(strict.dev.matched, strict.dev.n).trim()}, holdout ${pct(strict.holdout.matched, strict.holdout.n).trim()}`,
);
console.log(
  `\nCRS "benign" stages (rule X must not fire) in 930-944 with any Rampart hit: ${benign.all.fired}/${benign.all.n} (${pct(benign.all.fired, benign.all.n).trim()})`,
);
for (const [code, b] of Object.entries(benign.byClass))
  console.log(`  ${code}: ${b.fired}/${b.n}  ${JSON.stringify(b.classes)}`);
if (showMisses) {
  // Grouped by CRS rule id, most misses first; the request shown as the inspector receives it.
  const groups = new Map();
  for (const m of misses) {
    const list = groups.get(m.rule_id) ?? [];
    list.push(m);
    groups.set(m.rule_id, list);
  }
  console.log(`\nclass-matched misses in ${showMisses}, ${missSplit} rule ids (${misses.length}):`);
  for (const [rule, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`-- ${rule} (PL${list[0].rule_paranoia_level}): ${list.length}`);
    for (const m of list) {
      const input = toInput(m);
      const odd = Object.entries(input.headers).filter(
        ([k]) =>
          !/^(host|user-agent|accept|content-type|content-length|connection|proxy-connection)$/i.test(k),
      );
      console.log(
        '  ',
        JSON.stringify(input.path).slice(0, 220),
        input.body === undefined ? '' : `body=${JSON.stringify(input.body).slice(0, 220)}`,
        odd.length > 0 ? `headers=${JSON.stringify(Object.fromEntries(odd)).slice(0, 220)}` : '',
      );
    }
  }
}
const out = flag('json', undefined);
if (out) writeFileSync(out, JSON.stringify({ paranoia, summary, xssOnly: strict, benign }, null, 2));
