// Path matcher benchmark: Rampart's createOperationIndex vs find-my-way (fastify's router) vs a naive list of
// regular expressions, on GitHub's description (~800 paths, ~1,200 operations) and on a small 20-route API.
//
//   npx tsc -b packages/openapi && node bench/matcher.mjs [--rounds 9] [--lookups 400000]
//
// Uses the BUILT package and reads `paths` keys with JSON.parse, so it does not depend on the loader.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createOperationIndex } from '../packages/openapi/dist/index.js';

const require = createRequire(import.meta.url);
const FindMyWay = require('find-my-way');

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(argv[i + 1]);
};
const ROUNDS = option('rounds', 9);
const LOOKUPS = option('lookups', 400_000);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function githubRoutes() {
  const file = new URL('./node_modules/@octokit/openapi/generated/api.github.com.json', import.meta.url);
  const document = JSON.parse(readFileSync(file, 'utf8'));
  const routes = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item)) if (METHODS.includes(method)) routes.push({ method, path });
  }
  return routes;
}

function smallRoutes() {
  const table = [
    ['get', '/health'],
    ['get', '/users'],
    ['post', '/users'],
    ['get', '/users/me'],
    ['get', '/users/{userId}'],
    ['patch', '/users/{userId}'],
    ['delete', '/users/{userId}'],
    ['get', '/users/{userId}/orders'],
    ['get', '/orders'],
    ['post', '/orders'],
    ['get', '/orders/{orderId}'],
    ['put', '/orders/{orderId}'],
    ['delete', '/orders/{orderId}'],
    ['get', '/orders/{orderId}/items'],
    ['post', '/orders/{orderId}/items'],
    ['get', '/orders/{orderId}/items/{itemId}'],
    ['delete', '/orders/{orderId}/items/{itemId}'],
    ['get', '/products'],
    ['get', '/products/{sku}'],
    ['post', '/auth/token'],
  ];
  return table.map(([method, path]) => ({ method, path }));
}

/** The minimum an Operation needs for routing; the index reads method, path, parameters, servers, pointer. */
function toOperation({ method, path }) {
  return {
    key: `${method.toUpperCase()} ${path}`,
    method,
    path,
    tags: [],
    deprecated: false,
    parameters: [],
    responses: [],
    security: [],
    securitySource: 'none',
    callbacks: {},
    servers: [],
    extensions: {},
    pointer: `/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`,
    isWebhook: false,
  };
}

/** Deterministic PRNG so every run benchmarks the same requests. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function valueFor(name, next) {
  if (/(^|_)(id|number)$|Id$|^per_page$/.test(name)) return String(1 + Math.floor(next() * 99999));
  if (name === 'owner' || name === 'org' || name === 'username')
    return ['octocat', 'github', 'nodejs'][Math.floor(next() * 3)];
  if (name === 'repo') return ['hello-world', 'node', 'fastify'][Math.floor(next() * 3)];
  if (name === 'ref' || name === 'branch') return 'main';
  return `v${Math.floor(next() * 1000)}`;
}

/** Every template instantiated (its own methods), then ~10% misses (unknown paths and unknown methods). */
function requestsFor(routes, seed) {
  const next = random(seed);
  const requests = routes.map(({ method, path }) => ({
    method: method.toUpperCase(),
    path: path.replace(/\{([^}]+)\}/g, (_, name) => valueFor(name, next)),
  }));
  const misses = Math.max(2, Math.round(routes.length / 10));
  for (let i = 0; i < misses; i++) {
    const base = requests[Math.floor(next() * routes.length)];
    requests.push(
      i % 2 === 0
        ? { method: base.method, path: `${base.path}/nonexistent-${i}` }
        : { method: 'GET', path: `/no-such-root-${i}/x` },
    );
  }
  for (let i = requests.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [requests[i], requests[j]] = [requests[j], requests[i]];
  }
  return requests;
}

function buildRampart(routes) {
  const index = createOperationIndex(routes.map(toOperation));
  return (method, path) => index.match(method, path);
}

function buildFindMyWay(routes) {
  const router = FindMyWay();
  let skipped = 0;
  for (const { method, path } of routes) {
    // `{base}...{head}` has no find-my-way spelling (dots end a parameter); route the segment as one parameter.
    const converted = path.replace(/\{([^}]+)\}\.\.\.\{([^}]+)\}/g, ':$1').replace(/\{([^}]+)\}/g, ':$1');
    try {
      router.on(method.toUpperCase(), converted, () => {});
    } catch {
      skipped++;
    }
  }
  if (skipped > 0) console.error(`find-my-way: skipped ${skipped} routes it rejected`);
  return (method, path) => router.find(method, path) ?? undefined;
}

/** What a hand-written matcher looks like: one anchored regex per template, most literal segments first. */
function buildRegexList(routes) {
  const compiled = routes
    .map(({ method, path }) => {
      const names = [];
      const source = path
        .split('/')
        .map((segment) =>
          segment
            .split(/(\{[^}]+\})/)
            .map((piece) => {
              if (piece.startsWith('{')) {
                names.push(piece.slice(1, -1));
                return '([^/]+)';
              }
              return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            })
            .join(''),
        )
        .join('/');
      const literals = path.split('/').filter((s) => !s.includes('{')).length;
      return { method: method.toUpperCase(), regex: new RegExp(`^${source}$`), names, literals };
    })
    .sort((a, b) => b.literals - a.literals);
  return (method, path) => {
    for (const route of compiled) {
      if (route.method !== method) continue;
      const found = route.regex.exec(path);
      if (found === null) continue;
      const params = {};
      for (let i = 0; i < route.names.length; i++) params[route.names[i]] = decodeURIComponent(found[i + 1]);
      return { route, params };
    }
    return undefined;
  };
}

function measure(match, requests) {
  let sink = 0;
  const n = requests.length;
  const start = process.hrtime.bigint();
  for (let i = 0; i < LOOKUPS; i++) {
    const request = requests[i % n];
    if (match(request.method, request.path) !== undefined) sink++;
  }
  const elapsed = Number(process.hrtime.bigint() - start);
  return { nsPerLookup: elapsed / LOOKUPS, sink };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

function run(name, routes) {
  const requests = requestsFor(routes, 42);
  const matchers = {
    rampart: buildRampart(routes),
    'find-my-way': buildFindMyWay(routes),
    'regex list': buildRegexList(routes),
  };
  const hits = Object.fromEntries(
    Object.entries(matchers).map(([label, match]) => [
      label,
      requests.filter((r) => match(r.method, r.path) !== undefined).length,
    ]),
  );
  const samples = Object.fromEntries(Object.keys(matchers).map((label) => [label, []]));
  for (const match of Object.values(matchers)) measure(match, requests); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    // Interleave matchers within each round so drift (thermal, other processes) hits them alike.
    for (const [label, match] of Object.entries(matchers))
      samples[label].push(measure(match, requests).nsPerLookup);
  }
  const reference = median(samples['find-my-way']);
  console.log(
    `\n### ${name}: ${routes.length} operations, ${requests.length} request paths (${ROUNDS} rounds × ${LOOKUPS} lookups)\n`,
  );
  console.log('| matcher | median ns/lookup | lookups/s | vs find-my-way (time) | matched |');
  console.log('|---|---:|---:|---:|---:|');
  for (const label of Object.keys(matchers)) {
    const ns = median(samples[label]);
    console.log(
      `| ${label} | ${ns.toFixed(1)} | ${Math.round(1e9 / ns).toLocaleString('en-US')} | ${(ns / reference).toFixed(2)}× | ${hits[label]}/${requests.length} |`,
    );
  }
}

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
run('GitHub REST API', githubRoutes());
run('Small API', smallRoutes());
