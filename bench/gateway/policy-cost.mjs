#!/usr/bin/env node
// CPU per request of each stage of full-policy Rampart on the bench mix, measured in one process without sockets:
// the gateway configuration of rampart-server.mjs (`full`) is compiled, and each policy handler (and the core
// steps around them: framing, path normalization, upstream headers, the event) is run on the mix's requests in
// a tight loop. What it does not include is the HTTP server, undici and the kernel (see run.mjs for those).
//   npx tsc -b packages/gateway && node bench/gateway/policy-cost.mjs [--iterations 20000] [--dist <dir>]
// `--dist`: another build of packages/gateway (a copy of its dist/ inside the repository), for before/after.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { loadApiFromString } from '../../packages/openapi/dist/index.js';
import {
  ACCOUNTS,
  buildRequestMix,
  createSigningKey,
  DESCRIPTION,
  fullPolicies,
  signToken,
} from './bench-api.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const iterations = Number(opt('iterations', 20_000));
const dist = pathToFileURL(`${resolve(opt('dist', 'packages/gateway/dist'))}/`).href;
const load = (file) => import(new URL(file, dist).href);

const { compileGatewayConfig } = await load('compile-gateway-config.js');
const { parseGatewayOptions } = await load('parse-gateway-options.js');
const { GatewayRequestContext } = await load('create-request-context.js');
const { normalizePath } = await load('normalize-path.js');
const { checkRequestFraming } = await load('check-request-framing.js');
const { buildUpstreamHeaders } = await load('build-upstream-headers.js');
const { buildApiEvent } = await load('build-api-event.js');
const { createHeaderRedactor } = await load('create-header-redactor.js');
const { createMemoryCounterStore } = await load('create-memory-counter-store.js');

const { privatePem, jwk } = createSigningKey();
const jwks = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
  res.end(JSON.stringify({ keys: [jwk] }));
});
jwks.listen(0, '127.0.0.1');
await once(jwks, 'listening');
const tokens = Array.from({ length: ACCOUNTS }, (_, i) => signToken(privatePem, i));
const mix = buildRequestMix(tokens);

const model = await loadApiFromString(DESCRIPTION, 'bench-api.yaml');
const config = compileGatewayConfig(
  parseGatewayOptions({
    listen: { host: '127.0.0.1', port: 0 },
    adminListen: false,
    upstreams: ['http://127.0.0.1:9'],
    counterStore: createMemoryCounterStore(),
    logger: { warn: (m) => process.stderr.write(`${m}\n`) },
    routing: { model },
    policies: fullPolicies(`http://127.0.0.1:${jwks.address().port}/jwks`),
  }),
);
const policies = [...config.early, ...config.late];

/** An IncomingMessage stand-in: the headers Node would parse, and the body as a readable stream. */
function fakeRequest(spec) {
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
  const req = body ? Readable.from([body], { objectMode: false }) : Readable.from([]);
  const headers = { host: '127.0.0.1:8080', ...spec.headers };
  if (body) headers['content-length'] = String(body.length);
  Object.assign(req, {
    method: spec.method,
    url: spec.path,
    headers,
    rawHeaders: Object.entries(headers).flat(),
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    complete: false,
    socket: { remoteAddress: '127.0.0.1' },
  });
  return req;
}

const address = {
  clientIp: '127.0.0.1',
  peerIp: '127.0.0.1',
  trustedPeer: false,
  proto: 'http',
  host: undefined,
};
const redact = createHeaderRedactor();
const timings = new Map();
const time = (name, ns) => timings.set(name, (timings.get(name) ?? 0) + ns);

async function one(spec, record) {
  const req = fakeRequest(spec);
  let t = process.hrtime.bigint();
  const lap = (name) => {
    const now = process.hrtime.bigint();
    if (record) time(name, Number(now - t));
    t = now;
  };
  const ctx = new GatewayRequestContext({
    id: '3b241101-e2bb-4255-8caf-4136c566a962',
    req,
    headers: req.headers,
    clientIp: '127.0.0.1',
    secure: false,
    clientCertificate: undefined,
    maxBodyBytes: 1 << 20,
    maxJsonDepth: 64,
  });
  checkRequestFraming(req);
  lap('core: context + framing');
  const normalized = normalizePath(ctx.rawUrl, {});
  ctx.path = normalized.path;
  ctx.query = normalized.query;
  lap('core: path normalization');
  for (const policy of policies) {
    let result = policy.handler(ctx);
    if (result instanceof Promise) {
      // Time spent waiting for the body stream is not CPU of the policy: only the synchronous part and the
      // continuation are counted, by timing around the await.
      lap(`policy: ${policy.id}`);
      result = await result;
      t = process.hrtime.bigint();
    }
    if (result) throw new Error(`${policy.id} refused ${spec.method} ${spec.path}: ${result.reason}`);
    lap(`policy: ${policy.id}`);
  }
  buildUpstreamHeaders(ctx.headers, {
    address,
    secure: false,
    host: '127.0.0.1:9',
    requestId: ctx.id,
    bufferedLength: ctx.bufferedBody?.length,
  });
  lap('core: upstream headers');
  buildApiEvent(
    {
      id: ctx.id,
      time: Date.now(),
      method: ctx.method,
      rawUrl: ctx.rawUrl,
      path: ctx.path,
      route: ctx.route,
      operationId: ctx.operation?.operationId,
      status: 200,
      latencyMs: 1.5,
      requestSize: ctx.bodyBytes,
      responseSize: 980,
      clientIp: ctx.clientIp,
      identity: ctx.identity,
      auth: ctx.auth,
      verdict: 'allow',
      deniedBy: undefined,
      requestHeaders: req.headers,
      responseHeaders: {
        'content-type': 'application/json',
        'content-length': '980',
        date: 'Mon, 30 Nov 2026 06:00:00 GMT',
        via: '1.1 rampart',
        'x-request-id': ctx.id,
        'ratelimit-policy': '"per-caller";q=100000000;w=60',
        ratelimit: '"per-caller";r=99999999;t=60',
      },
    },
    redact,
  );
  lap('core: event');
}

// Warm-up (first verification of every token against the JWKS, JIT), then the measured loop.
for (let i = 0; i < Math.min(iterations, 5000); i++) await one(mix[i % mix.length], false);
const t0 = process.cpuUsage();
for (let i = 0; i < iterations; i++) await one(mix[i % mix.length], true);
const cpu = process.cpuUsage(t0);
jwks.close();
await config.release();

let total = 0;
console.log('| Step | µs per request (mix average) |');
console.log('| --- | ---: |');
for (const [name, ns] of timings) {
  total += ns;
  console.log(`| ${name} | ${(ns / iterations / 1000).toFixed(2)} |`);
}
console.log(`| sum of the steps | ${(total / iterations / 1000).toFixed(2)} |`);
console.log(
  `\nprocess CPU over the loop (includes the fake request streams and GC): ${((cpu.user + cpu.system) / iterations).toFixed(1)} µs per request, ${iterations} requests`,
);
