#!/usr/bin/env node
// CPU per request of the gateway with no policies vs. the full security policy set, measured in one process
// (client, gateway and upstream share the process, so the difference between the two runs is the policies' cost).
// Not a test: numbers vary with the machine. Run after building the gateway (`npx tsc -p packages/gateway`):
//   node packages/gateway/scripts/measure-policy-cost.mjs [requests]
import { createHash, generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createGateway } from '@rampart/gateway';
import { loadApiFromString } from '@rampart/openapi';
import { SignJWT } from 'jose';
import { Pool } from 'undici';

const REQUESTS = Number(process.argv[2] ?? 20_000);
const CONCURRENCY = 32;

const DESCRIPTION = `
openapi: 3.0.3
info: { title: Cost, version: '1' }
components:
  securitySchemes: { bearer: { type: http, scheme: bearer } }
  schemas:
    Account:
      type: object
      properties:
        id: { type: string, readOnly: true }
        owner: { type: string }
        balance: { type: number }
        pin: { type: string, writeOnly: true }
security: [{ bearer: ['accounts:read'] }]
paths:
  /accounts/{accountId}:
    parameters: [{ name: accountId, in: path, required: true, schema: { type: string, maxLength: 64 } }]
    get:
      operationId: getAccount
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } } }
  /transfers:
    post:
      operationId: createTransfer
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [fromAccount, amount]
              properties: { fromAccount: { type: string }, amount: { type: number }, memo: { type: string, maxLength: 140 }, callbackUrl: { type: string, format: uri } }
      responses: { '201': { description: created, content: { application/json: { schema: { type: object, properties: { ok: { type: boolean } } } } } } }
`;

const upstream = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    res.end(
      req.method === 'POST'
        ? '{"ok":true}'
        : '{"id":"alice","owner":"alice","balance":10,"pin":"1234","ssn":"x"}',
    );
  });
});
upstream.listen(0, '127.0.0.1');
await once(upstream, 'listening');
const upstreamUrl = `http://127.0.0.1:${upstream.address().port}`;

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwks = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'ES256', use: 'sig' }],
    }),
  );
});
jwks.listen(0, '127.0.0.1');
await once(jwks, 'listening');
const issuer = 'https://idp.bench.example/';
const token = await new SignJWT({ sub: 'alice', scope: 'accounts:read', roles: ['customer'] })
  .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
  .setIssuer(issuer)
  .setAudience('bench')
  .setExpirationTime('1h')
  .sign(privateKey);

const model = await loadApiFromString(DESCRIPTION, 'cost.yaml');
let emitted = 0;
const eventSink = { emit: () => void emitted++ };
const blocklist = { add: async () => {}, has: async () => false, remove: async () => {} };

const FULL = {
  jwt: {
    issuers: [
      {
        issuer,
        audience: 'bench',
        algorithms: ['ES256'],
        jwksUri: `http://127.0.0.1:${jwks.address().port}/jwks`,
      },
    ],
  },
  authorize: {
    objects: [
      { operation: 'getAccount', object: { from: 'path', name: 'accountId' }, owner: { claim: 'sub' } },
      { operation: 'createTransfer', object: { from: 'body', name: 'fromAccount' }, owner: { claim: 'sub' } },
    ],
    properties: {},
  },
  'rate-limit': {
    limits: [
      { name: 'per-user', by: ['identity'], limit: 1_000_000_000, windowSeconds: 60 },
      {
        name: 'per-ip',
        by: ['ip', 'operation'],
        limit: 1_000_000_000,
        windowSeconds: 60,
        algorithm: 'token-bucket',
      },
    ],
    quotas: [
      { name: 'transfers', operations: ['createTransfer'], limit: 1_000_000_000, periodSeconds: 3600 },
    ],
  },
  'request-validation': { response: 'log' },
  injection: {},
  'ssrf-guard': {},
  'ip-filter': { deny: ['203.0.113.0/24'] },
};

async function measure(label, policies, extra = {}) {
  const gateway = createGateway({
    listen: { port: 0 },
    adminListen: false,
    upstreams: [upstreamUrl],
    routing: { model },
    eventSink,
    policies,
    logger: { warn: (m) => console.error(m) },
    ...extra,
  });
  const { port } = await gateway.listen();
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: CONCURRENCY, pipelining: 1 });
  const headers = { authorization: `Bearer ${token}` };
  const body = JSON.stringify({
    fromAccount: 'alice',
    amount: 12.5,
    memo: 'rent for march',
    note: 'see https://example.com/x',
  });
  let statusErrors = 0;
  const one = async (i) => {
    const post = i % 2 === 1;
    const res = await pool.request({
      path: post ? '/transfers' : '/accounts/alice',
      method: post ? 'POST' : 'GET',
      headers: post ? { ...headers, 'content-type': 'application/json' } : headers,
      ...(post ? { body } : {}),
    });
    const text = await res.body.text();
    if (res.statusCode >= 300 && statusErrors++ === 0)
      console.error(`first failure: ${res.statusCode} ${text}`);
  };
  const run = async (count) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) await one(next++);
      }),
    );
  };
  await run(2000); // warm-up: JIT, JWKS fetch, validator compilation, token cache
  statusErrors = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run(REQUESTS);
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - start;
  await pool.close();
  await gateway.close();
  const perRequest = (used.user + used.system) / REQUESTS;
  console.log(
    `${label.padEnd(28)} ${perRequest.toFixed(1).padStart(7)} µs CPU/request  ${Math.round(
      (REQUESTS / wall) * 1000,
    )
      .toString()
      .padStart(6)} req/s  (non-2xx: ${statusErrors})`,
  );
  return perRequest;
}

if (process.argv[3] === 'breakdown') {
  // Adds one policy at a time (same order as the pipeline) to see where the cost goes.
  const order = [
    'ip-filter',
    'jwt',
    'authorize',
    'rate-limit',
    'request-validation',
    'injection',
    'ssrf-guard',
  ];
  let previous = await measure('route only', {});
  const policies = {};
  for (const id of order) {
    policies[id] = FULL[id];
    const cost = await measure(`+ ${id}`, { ...policies });
    console.log(`  ${id}: ${(cost - previous).toFixed(1)} µs`);
    previous = cost;
  }
  const cost = await measure('+ blocklist', { ...policies }, { blocklist });
  console.log(`  blocklist: ${(cost - previous).toFixed(1)} µs`);
  process.exit(0);
}

// Alternate the two configurations and take medians: the machine is shared and noisy.
const none = [];
const full = [];
for (let round = 0; round < 3; round++) {
  none.push(await measure('route only (no policies)', {}));
  full.push(await measure('full security policy set', FULL, { blocklist }));
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(
  `median: route only ${median(none).toFixed(1)} µs, full ${median(full).toFixed(1)} µs: the policies cost ${(median(full) - median(none)).toFixed(1)} µs CPU per request`,
);

// What a cache miss costs: one ES256 verification through jose.
const { jwtVerify, createLocalJWKSet } = await import('jose');
const set = createLocalJWKSet({
  keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'ES256' }],
});
const cpu = process.cpuUsage();
const N = 2000;
for (let i = 0; i < N; i++) await jwtVerify(token, set, { algorithms: ['ES256'], issuer, audience: 'bench' });
const used = process.cpuUsage(cpu);
console.log(
  `jose ES256 verification (token-cache miss): ${((used.user + used.system) / N).toFixed(1)} µs CPU`,
);
const h = process.cpuUsage();
for (let i = 0; i < 100_000; i++) createHash('sha256').update(token).digest();
const hu = process.cpuUsage(h);
console.log(
  `SHA-256 of the token (token-cache hit key): ${((hu.user + hu.system) / 100_000).toFixed(2)} µs CPU`,
);
upstream.close();
jwks.close();
