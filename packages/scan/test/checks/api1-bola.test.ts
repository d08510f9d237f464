import { loadApiFromString } from '@rampart/openapi';
import { parseIdentities, type ScanOptions, type ScanResult, scanTarget } from '@rampart/scan';
import { beforeAll, describe, expect, it } from 'vitest';
import { api1Bola } from '../../src/checks/api1-bola.js';
import { summarize } from '../start-bank.js';
import { startTinyApi, type TinyApi } from '../start-tiny-api.js';

// Two tiny APIs nobody wrote for the bank: a shop with nested resources (UUID user ids, integer order ids,
// usernames from the token's claims) and a catalogue of public objects. Each runs in a vulnerable and a correct
// mode; only api1-bola runs.

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
const ALICE = '6f1c2a9e-3b7d-4e5f-8a9b-0c1d2e3f4a5b';
const BOB = '0b9e8d7c-6a5b-4c3d-9e2f-1a0b9c8d7e6f';
const TOKENS: Readonly<Record<string, string>> = {
  [`Bearer ${jwt({ sub: ALICE, username: 'alice', email: 'alice@shop.test' })}`]: ALICE,
  [`Bearer ${jwt({ sub: BOB, username: 'bob', email: 'bob@shop.test' })}`]: BOB,
};
const identities = parseIdentities(
  `identities:
${Object.keys(TOKENS)
  .map(
    (header, i) => `  - { name: ${i === 0 ? 'alice' : 'bob'}, role: customer, bearer: "${header.slice(7)}" }`,
  )
  .join('\n')}
preflight: { method: GET, path: /me }
`,
  'ids.yaml',
);

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const path = (name: string, schema: unknown) => ({ name, in: 'path', required: true, schema });
const text = { type: 'string', maxLength: 80 };

const shop = {
  openapi: '3.0.3',
  info: { title: 'tiny shop', version: '1' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearerAuth: [] }],
  paths: {
    '/me': { get: { responses: { '200': { description: 'me' } } } },
    '/profiles/{username}': {
      get: {
        parameters: [path('username', { type: 'string' })],
        responses: { '200': { description: 'profile' } },
      },
    },
    '/users/{userId}/orders': {
      parameters: [path('userId', { type: 'string', format: 'uuid' })],
      get: { responses: { '200': { description: 'orders' } } },
      post: {
        requestBody: json({ type: 'object', required: ['note'], properties: { note: text } }),
        responses: { '201': { description: 'created' } },
      },
    },
    '/users/{userId}/orders/{orderId}': {
      parameters: [path('userId', { type: 'string', format: 'uuid' }), path('orderId', { type: 'integer' })],
      get: { responses: { '200': { description: 'order' } } },
      patch: {
        requestBody: json({ type: 'object', properties: { note: text, giftWrap: { type: 'boolean' } } }),
        responses: { '200': { description: 'updated' } },
      },
      delete: { responses: { '204': { description: 'deleted' } } },
    },
  },
};

interface Order {
  id: number;
  userId: string;
  note: string;
  total: number;
  giftWrap: boolean;
}

/** `swap`: checks the caller is the user in the path, not that the order is that user's; `fixed`: checks both. */
async function startShop(mode: 'swap' | 'fixed'): Promise<TinyApi> {
  const people: Record<string, { username: string; email: string; phone: string }> = {
    [ALICE]: { username: 'alice', email: 'alice@shop.test', phone: '+31 6 1111 2222' },
    [BOB]: { username: 'bob', email: 'bob@shop.test', phone: '+31 6 3333 4444' },
  };
  const orders = new Map<number, Order>([
    [101, { id: 101, userId: ALICE, note: 'Birthday gift for Dinah', total: 1234.5, giftWrap: false }],
    [102, { id: 102, userId: ALICE, note: 'Tea set with six cups', total: 250, giftWrap: false }],
    [201, { id: 201, userId: BOB, note: 'Hammer and box of nails', total: 310, giftWrap: false }],
  ]);
  let next = 500;
  return startTinyApi((request, send) => {
    const caller = TOKENS[request.headers.authorization ?? ''];
    if (caller === undefined) return send(401, { error: 'login required' });
    const url = new URL(request.path, 'http://x');
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (url.pathname === '/me') return send(200, { id: caller, ...people[caller] });
    if (segments[0] === 'profiles' && segments.length === 2) {
      const [id, person] = Object.entries(people).find(([, p]) => p.username === segments[1]) ?? [];
      if (person === undefined || (mode === 'fixed' && id !== caller))
        return send(404, { error: 'not found' });
      return send(200, person);
    }
    if (segments[0] !== 'users' || segments[2] !== 'orders' || segments[1] !== caller)
      return send(404, { error: 'not found' });
    if (segments.length === 3) {
      if (request.method === 'GET')
        return send(200, { items: [...orders.values()].filter((o) => o.userId === caller) });
      if (request.method === 'POST') {
        const order = {
          id: next++,
          userId: caller,
          note: String(JSON.parse(request.body).note),
          total: 1,
          giftWrap: false,
        };
        orders.set(order.id, order);
        return send(201, order, { location: `/users/${caller}/orders/${order.id}` });
      }
    }
    const order = orders.get(Number(segments[3]));
    if (segments.length !== 4 || order === undefined || (mode === 'fixed' && order.userId !== segments[1]))
      return send(404, { error: 'not found' });
    if (request.method === 'GET') return send(200, order);
    if (request.method === 'PATCH') {
      const body = JSON.parse(request.body) as Partial<Order>;
      if (body.note !== undefined) order.note = body.note;
      if (body.giftWrap !== undefined) order.giftWrap = body.giftWrap;
      return send(200, order);
    }
    if (request.method === 'DELETE') {
      orders.delete(order.id);
      return send(204);
    }
    send(405, { error: 'method not allowed' });
  });
}

async function scan(
  document: unknown,
  api: Promise<TinyApi>,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const started = await api;
  try {
    return await scanTarget({
      model: await loadApiFromString(JSON.stringify(document), 'tiny.json'),
      target: started.url,
      identities,
      options: { checks: [api1Bola], canary: false, requestsPerSecond: 1000, ...options },
    });
  } finally {
    await started.close();
  }
}

const requestsOf = (result: ScanResult) => result.checks.find((c) => c.id === 'api1-bola')?.requests ?? 0;

describe('api1-bola on nested resources', () => {
  let swap: ScanResult;
  let swapDestructive: ScanResult;
  let fixed: ScanResult;
  beforeAll(async () => {
    swap = await scan(shop, startShop('swap'));
    swapDestructive = await scan(shop, startShop('swap'), { destructive: true });
    fixed = await scan(shop, startShop('fixed'), { destructive: true });
    console.log(
      `api1-bola requests: swap ${requestsOf(swap)}, swap+destructive ${requestsOf(swapDestructive)}, fixed+destructive ${requestsOf(fixed)}`,
    );
  });

  it("finds the parent swap on reads and writes, and the profile read by the token's username claim", () => {
    expect(swap.engineErrors).toEqual([]);
    expect(summarize(swap).sort()).toEqual([
      'api1-bola GET /profiles/{username}',
      'api1-bola GET /users/{userId}/orders/{orderId}',
      'api1-bola PATCH /users/{userId}/orders/{orderId}',
    ]);
    const read = swap.findings.find(
      (f) => f.location.method === 'GET' && f.location.path?.includes('orders') === true,
    )!;
    expect(read.tags).toContain('parent-swap');
    expect(read.message).toContain(`its own userId = ${BOB}`);
    // Bob's own parent with one of alice's orders (a seeded one or one exploration created as alice).
    const swapped = /\/users\/([^/]+)\/orders\/(\d+)$/.exec(
      read.evidence?.exchanges?.at(-1)?.request.url ?? '',
    );
    expect(swapped?.[1]).toBe(BOB);
    expect(swapped?.[2]).not.toBe('201');
    const write = swap.findings.find((f) => f.location.method === 'PATCH')!;
    expect(write.evidence?.oracle).toBe('re-read-as-owner');
    expect(write.tags).toContain('parent-swap');
    const profile = swap.findings.find((f) => f.location.path === '/profiles/{username}')!;
    expect(profile.message).toMatch(/username = (alice|bob)/);
  });

  it('deletes only a throwaway object it created, and only when destructive tests are allowed', () => {
    expect(swapDestructive.engineErrors).toEqual([]);
    const deleted = swapDestructive.findings.filter((f) => f.location.method === 'DELETE');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.message).toContain('a throwaway the scan created');
    expect(deleted[0]!.message).not.toMatch(/order (101|102|201) /);
    // Without destructive tests the only DELETEs are the owners' clean-up of what exploration created.
    expect(swap.findings.some((f) => f.location.method === 'DELETE')).toBe(false);
    expect(
      swap.exchanges.filter((e) => e.request.method === 'DELETE' && /\/orders\/\d+$/.test(e.request.url)),
    ).toHaveLength(swap.cleanup.attempted);
    expect(swapDestructive.cleanup.failed).toBe(0);
  });

  it('reports nothing when the API checks parent ownership and child membership, and keeps requests bounded', () => {
    expect(fixed.engineErrors).toEqual([]);
    expect(summarize(fixed)).toEqual([]);
    // The near miss was really probed: parent-swapped requests were sent and refused.
    expect(
      fixed.exchanges.some(
        (e) => e.request.url.includes(`/users/${BOB}/orders/10`) && e.response?.status === 404,
      ),
    ).toBe(true);
    for (const result of [swap, swapDestructive, fixed]) expect(requestsOf(result)).toBeLessThan(120);
  });
});

const catalogue = {
  openapi: '3.0.3',
  info: { title: 'tiny catalogue', version: '1' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearerAuth: [] }],
  paths: {
    '/me': { get: { responses: { '200': { description: 'me' } } } },
    '/products': { get: { security: [], responses: { '200': { description: 'catalogue' } } } },
    '/products/{productId}': {
      get: {
        security: [],
        parameters: [path('productId', { type: 'integer' })],
        responses: { '200': { description: 'product' } },
      },
    },
    '/articles': {
      get: { responses: { '200': { description: 'articles' } } },
      post: {
        requestBody: json({ type: 'object', required: ['title'], properties: { title: text, body: text } }),
        responses: { '201': { description: 'created' } },
      },
    },
    '/articles/{slug}': {
      parameters: [path('slug', { type: 'string' })],
      get: { responses: { '200': { description: 'article' } } },
      delete: { responses: { '204': { description: 'deleted' } } },
    },
    '/receipts': { get: { responses: { '200': { description: 'own receipts' } } } },
    '/receipts/{receiptId}': {
      get: {
        parameters: [path('receiptId', { type: 'string' })],
        responses: { '200': { description: 'receipt' } },
      },
    },
  },
};

/**
 * `public`: products and receipts (share links) are readable by anyone, articles are listed to every user.
 * `leaky`: the same data, but articles are listed to their author only and receipts need a login, so another
 * user reading them is the near miss that must be reported.
 */
async function startCatalogue(mode: 'public' | 'leaky'): Promise<TinyApi> {
  const products = [
    { id: 1, name: 'Blue enamel mug', price: 1250 },
    { id: 2, name: 'Walnut chopping board', price: 4900 },
  ];
  const articles = new Map<string, { slug: string; title: string; body: string; author: string }>();
  const receipts = [
    { id: 'rcpt-alice-7f3a', owner: ALICE, item: 'Walnut chopping board', address: 'Rabbit Hole 1, Oxford' },
    { id: 'rcpt-bob-19c2', owner: BOB, item: 'Blue enamel mug', address: 'Yard Lane 7, Bobsville' },
  ];
  return startTinyApi((request, send) => {
    const caller = TOKENS[request.headers.authorization ?? ''];
    const url = new URL(request.path, 'http://x');
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] === 'products') {
      if (segments.length === 1) return send(200, products);
      const product = products.find((p) => p.id === Number(segments[1]));
      return product ? send(200, product) : send(404, { error: 'not found' });
    }
    if (segments[0] === 'receipts' && segments.length === 2 && (mode === 'public' || caller !== undefined)) {
      const receipt = receipts.find((r) => r.id === segments[1]);
      return receipt ? send(200, receipt) : send(404, { error: 'not found' });
    }
    if (caller === undefined) return send(401, { error: 'login required' });
    if (url.pathname === '/me') return send(200, { id: caller });
    if (url.pathname === '/receipts')
      return send(
        200,
        receipts.filter((r) => r.owner === caller),
      );
    if (segments[0] === 'articles' && segments.length === 1) {
      if (request.method === 'POST') {
        const { title, body } = JSON.parse(request.body) as { title: string; body?: string };
        const slug = `${articles.size + 1}-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 60);
        const article = { slug, title, body: body ?? '', author: caller };
        articles.set(slug, article);
        return send(201, article, { location: `/articles/${slug}` });
      }
      const all = [...articles.values()];
      return send(200, mode === 'public' ? all : all.filter((a) => a.author === caller));
    }
    if (segments[0] === 'articles' && segments.length === 2) {
      const article = articles.get(segments[1]!);
      if (article === undefined) return send(404, { error: 'not found' });
      if (request.method === 'DELETE') {
        if (article.author !== caller) return send(404, { error: 'not found' });
        articles.delete(article.slug);
        return send(204);
      }
      return send(200, article);
    }
    send(404, { error: 'not found' });
  });
}

describe('api1-bola on public objects', () => {
  let open: ScanResult;
  let leaky: ScanResult;
  beforeAll(async () => {
    open = await scan(catalogue, startCatalogue('public'));
    leaky = await scan(catalogue, startCatalogue('leaky'));
    console.log(
      `api1-bola requests: public catalogue ${requestsOf(open)}, leaky catalogue ${requestsOf(leaky)}`,
    );
  });

  it('reports nothing for a catalogue, articles every user lists, and receipts anonymous can read', () => {
    expect(open.engineErrors).toEqual([]);
    expect(summarize(open)).toEqual([]);
    // The objects were there to attack: the owner read its article and its receipt.
    expect(
      open.exchanges.some((e) => /\/articles\/1-rampart/.test(e.request.url) && e.response?.status === 200),
    ).toBe(true);
    expect(open.exchanges.some((e) => e.request.url.endsWith('/receipts/rcpt-alice-7f3a'))).toBe(true);
  });

  it('reports the same objects when they are not public (author-only lists, receipts behind login)', () => {
    expect(leaky.engineErrors).toEqual([]);
    expect(summarize(leaky).sort()).toEqual([
      'api1-bola GET /articles/{slug}',
      'api1-bola GET /receipts/{receiptId}',
    ]);
    expect(leaky.findings.find((f) => f.location.path === '/articles/{slug}')?.evidence?.oracle).toBe(
      'marker-in-response',
    );
  });
});
