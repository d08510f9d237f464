import { loadApiFromString } from '@rampart/openapi';
import { parseIdentities, type ScanResult, scanTarget } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { api9HiddenEndpoints } from '../../src/checks/api9-hidden-endpoints.js';
import { startTinyApi } from '../start-tiny-api.js';

// A tiny shop served at /shop/v3 (the base path carries the version). `leaky` still deploys v2, which serves
// buyers without authentication, and v1, whose order answer (behind authentication) carries a card number the
// v3 answer no longer has. `tidy` has only harmless leftovers: an unversioned alias of the public health
// check that answers exactly like it, and a single-page app that answers 200 to everything under /v2.
const json = (schema: unknown) => ({ 'application/json': { schema } });
const document = {
  openapi: '3.0.3',
  info: { title: 'tiny shop', version: '3' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearerAuth: [] }],
  paths: {
    '/health': { get: { security: [], responses: { '200': { description: 'up' } } } },
    '/me': { get: { responses: { '200': { description: 'me' } } } },
    '/orders': {
      get: {
        responses: {
          '200': {
            description: 'orders',
            content: json({
              type: 'array',
              items: {
                type: 'object',
                properties: { id: { type: 'string' }, buyer_ref_id: { type: 'string' } },
              },
            }),
          },
        },
      },
    },
    '/orders/{orderId}': {
      get: {
        parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'order' } },
      },
    },
    '/buyers/{buyerId}': {
      get: {
        parameters: [{ name: 'buyerId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'buyer' } },
      },
    },
  },
};
const BUYER = { id: 'b-4d1f9a', name: 'Alice Example', email: 'alice.buyer@example.org' };
const ORDER = { id: 'o-77e0c2', buyer_ref_id: BUYER.id, total: 42, status: 'shipped' };

async function scan(mode: 'leaky' | 'tidy'): Promise<ScanResult> {
  const api = await startTinyApi((request, send) => {
    const path = request.path.split('?')[0]!;
    const authed = request.headers.authorization === 'Bearer t-alice';
    if (path === '/shop/v3/health' || (mode === 'tidy' && path === '/shop/health'))
      return send(200, { status: 'ok' });
    if (mode === 'tidy' && path.startsWith('/v2/')) return send(200, '<!doctype html><div id="app"></div>');
    if (mode === 'leaky' && path === `/shop/v2/buyers/${BUYER.id}`) return send(200, BUYER);
    if (mode === 'leaky' && path === `/shop/v1/orders/${ORDER.id}`) {
      return authed
        ? send(200, { ...ORDER, card_number: '4111111111111111' })
        : send(401, { error: 'login' });
    }
    if (!path.startsWith('/shop/v3/')) return send(404, { error: 'not found' });
    if (!authed) return send(401, { error: 'login required' });
    if (path === '/shop/v3/me') return send(200, { name: 'alice', buyer_id: BUYER.id });
    if (path === '/shop/v3/orders') return send(200, [ORDER]);
    if (path === `/shop/v3/orders/${ORDER.id}`) return send(200, ORDER);
    if (path === `/shop/v3/buyers/${BUYER.id}`) return send(200, BUYER);
    return send(404, { error: 'not found' });
  });
  try {
    return await scanTarget({
      model: await loadApiFromString(JSON.stringify(document), 'tiny-shop.json'),
      target: `${api.url}/shop/v3`,
      identities: parseIdentities(
        'identities:\n  - { name: alice, role: buyer, bearer: t-alice }\npreflight: { method: GET, path: /me }\n',
        'ids.yaml',
      ),
      options: { checks: [api9HiddenEndpoints], requestsPerSecond: 1000, canary: false },
    });
  } finally {
    await api.close();
  }
}

describe('api9-hidden-endpoints on a tiny API with a versioned base path', () => {
  it('swaps the version of the base path: finds v2 open to anonymous callers and v1 leaking a field', async () => {
    const result = await scan('leaky');
    expect(result.engineErrors).toEqual([]);
    const found = result.findings.map((f) => `${f.severity} ${f.location.path} ${f.evidence?.oracle}`);
    expect(found.sort()).toEqual([
      'high /shop/v2/buyers/{buyerId} owner-data-in-undocumented-endpoint',
      'medium /shop/v1/orders/{orderId} old-version-more-fields',
    ]);
    const v2 = result.findings.find((f) => f.location.path?.startsWith('/shop/v2') === true)!;
    expect(v2.message).toMatch(/refuses anonymous callers \(401\)/);
    expect(result.findings.find((f) => f.location.path?.startsWith('/shop/v1') === true)!.message).toContain(
      'card_number',
    );
    // Never stacked on the base path.
    expect(result.exchanges.some((e) => e.request.url.includes('/shop/v3/shop/'))).toBe(false);
    expect(result.exchanges.some((e) => /\/shop\/v3\/(api\/)?v1\//.test(e.request.url))).toBe(false);
  });

  it('stays quiet on an alias of a public operation and on a catch-all page under an old prefix', async () => {
    const result = await scan('tidy');
    expect(result.engineErrors).toEqual([]);
    expect(result.exchanges.some((e) => new URL(e.request.url).pathname === '/shop/health')).toBe(true);
    expect(result.exchanges.some((e) => new URL(e.request.url).pathname.startsWith('/v2/'))).toBe(true);
    expect(result.findings).toEqual([]);
  });
});
