import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, definePolicy, type Gateway } from '../src/index.js';
import { rawRequest } from './raw-request.js';
import { startUpstream, type TestUpstream } from './start-upstream.js';

/** A tiny deny-list policy: nothing under /admin may pass. */
const denyAdmin = definePolicy({
  id: 'test-deny-admin',
  stage: 'authorize',
  failMode: 'closed',
  description: 'Test policy: refuses /admin and everything under it.',
  compile: () => (ctx) =>
    ctx.path === '/admin' || ctx.path.startsWith('/admin/')
      ? { status: 403, detail: 'Forbidden.', reason: `deny-list matched ${ctx.path}` }
      : undefined,
});

let upstream: TestUpstream;
const gateways: Gateway[] = [];
let port: number;
let foldingPort: number;

beforeAll(async () => {
  upstream = await startUpstream();
  const make = async (caseInsensitive: boolean) => {
    const g = createGateway({
      listen: { port: 0 },
      adminListen: false,
      upstreams: [upstream.url],
      customPolicies: [denyAdmin],
      routing: { caseInsensitive },
    });
    gateways.push(g);
    return (await g.listen()).port;
  };
  port = await make(false);
  foldingPort = await make(true);
});
afterAll(async () => {
  for (const g of gateways) await g.close();
  await upstream.close();
});

const get = (p: number, path: string) =>
  rawRequest(p, `GET ${path} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);

describe('path normalization happens before policies', () => {
  it.each([
    '/admin',
    '/admin/users',
    '/%61dmin',
    '/%61%64%6d%69%6e/users',
    '//admin',
    '/x/../admin',
    '/x/%2e%2e/admin',
    '/./admin',
    '/admin;jsessionid=1',
    '/admin;x=1/users',
    '/x/..;/admin',
    '/;/admin',
    'http://other.host/admin',
  ])('%s hits the deny-list (403), never the upstream', async (path) => {
    const before = upstream.seen.length;
    const res = await get(port, path);
    expect(res.status).toBe(403);
    expect(upstream.seen.length).toBe(before);
  });

  it.each(['/%2fadmin', '/%2e%2e/admin', '/..%2fadmin', '/%5cadmin', '/admin%00'])(
    '%s is refused as malformed (400)',
    async (path) => {
      const before = upstream.seen.length;
      const res = await get(port, path);
      expect(res.status).toBe(400);
      expect(upstream.seen.length).toBe(before);
    },
  );

  it('is case-sensitive by default and folds case when configured', async () => {
    const before = upstream.seen.length;
    expect((await get(port, '/ADMIN')).status).toBe(200);
    expect(upstream.seen[before]?.url).toBe('/ADMIN');
    for (const path of ['/ADMIN', '/Admin/users', '/%41dmin'])
      expect((await get(foldingPort, path)).status, path).toBe(403);
  });

  it('forwards the normalized path, not the raw one', async () => {
    const before = upstream.seen.length;
    expect((await get(port, '/x/../public;v=1//%7Ea?q=%2F..')).status).toBe(200);
    expect(upstream.seen[before]?.url).toBe('/public/~a?q=%2F..');
  });
});
