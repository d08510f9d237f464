// The upstream of bench/gateway: a plain node:http server (own process) answering the bench API with realistic
// JSON bodies of about 1 KB. Bodies are built once per URL and cached, so the upstream stays cheap and the proxy
// in front of it is what the scenarios compare. Prints `{"port":N}` on stdout once listening; stops on SIGTERM.
import { createServer } from 'node:http';

const cache = new Map();

function order(accountId, id) {
  return {
    id,
    accountId,
    status: 'shipped',
    createdAt: '2026-11-02T09:41:17.000Z',
    updatedAt: '2026-11-03T15:02:44.000Z',
    currency: 'EUR',
    total: 184.7,
    items: [
      { sku: 'SKU-1042', name: 'Stainless steel water bottle, 750 ml', quantity: 2, unitPrice: 24.9 },
      { sku: 'SKU-2210', name: 'Merino wool hiking socks (pair)', quantity: 3, unitPrice: 18.5 },
      { sku: 'SKU-3307', name: 'Ultralight trekking poles, carbon', quantity: 1, unitPrice: 79.4 },
    ],
    shippingAddress: {
      name: 'Alex Example',
      street: '221B Example Street',
      city: 'Springfield',
      postalCode: '12345',
      country: 'DE',
    },
    shipment: { carrier: 'DHL', trackingNumber: 'JJD000390007701234567', estimatedDelivery: '2026-11-05' },
    payment: { method: 'card', brand: 'visa', last4: '4242', capturedAt: '2026-11-02T09:41:20.000Z' },
    discounts: [{ code: 'AUTUMN10', amount: 10.0 }],
    tax: { rate: 0.19, amount: 29.49, included: true },
    links: { self: `/accounts/${accountId}/orders/${id}`, invoice: `/accounts/${accountId}/invoices/${id}` },
  };
}

function bodyFor(method, url) {
  const key = `${method} ${url}`;
  let entry = cache.get(key);
  if (entry) return entry;
  const path = url.split('?', 1)[0];
  const parts = path.split('/');
  let status = 404;
  let value = { title: 'Not Found', status: 404 };
  if (parts[1] === 'accounts' && parts[3] === 'orders') {
    const account = parts[2];
    if (parts.length === 5 && method === 'GET') {
      status = 200;
      value = order(account, Number(parts[4]));
    } else if (parts.length === 4 && method === 'GET') {
      status = 200;
      value = {
        items: [1, 2, 3].map((n) => {
          const { id, status: s, createdAt, total, currency, links } = order(account, 100000 + n);
          return { id, status: s, createdAt, total, currency, links };
        }),
        next: null,
      };
    } else if (parts.length === 4 && method === 'POST') {
      status = 201;
      value = order(account, 900000);
    }
  } else if (path === '/health') {
    status = 200;
    value = { status: 'ok' };
  }
  entry = { status, body: Buffer.from(JSON.stringify(value)) };
  if (cache.size < 20_000) cache.set(key, entry);
  return entry;
}

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const reply = () => {
    const { status, body } = bodyFor(req.method, req.url);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(body);
  };
  if (req.method === 'POST') {
    req.resume();
    req.on('end', reply);
  } else reply();
});
server.headersTimeout = 66_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
