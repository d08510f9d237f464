// A reference for bench/gateway: the least a Node reverse proxy does per request (node:http server, undici Pool,
// the request's headers and body passed on, the response head and body streamed back), with none of Rampart's
// framing checks, path normalization, header hygiene, policies or events. It shows what one Node process costs
// per proxied request on this machine, i.e. the floor under any Node gateway.
//   node bench/gateway/node-proxy.mjs '{"upstream":"http://127.0.0.1:PORT"}'   prints {"port":N}
import { createServer } from 'node:http';
import { Pool } from 'undici';

const { upstream } = JSON.parse(process.argv[2]);
const pool = new Pool(upstream, { connections: 256, pipelining: 1, keepAliveTimeout: 60_000 });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'trailer']);

const server = createServer((req, res) => {
  const headers = {};
  for (const name in req.headers) if (!HOP_BY_HOP.has(name)) headers[name] = req.headers[name];
  pool.dispatch(
    {
      method: req.method,
      path: req.url,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? null : req,
    },
    {
      onRequestStart() {},
      onResponseStart(_controller, status, upstreamHeaders) {
        const out = {};
        for (const name in upstreamHeaders) if (!HOP_BY_HOP.has(name)) out[name] = upstreamHeaders[name];
        res.writeHead(status, out);
      },
      onResponseData(controller, chunk) {
        if (!res.write(chunk)) {
          controller.pause();
          res.once('drain', () => controller.resume());
        }
      },
      onResponseEnd() {
        res.end();
      },
      onResponseError() {
        if (res.headersSent) res.destroy();
        else {
          res.writeHead(502);
          res.end();
        }
      },
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
