// A reference for bench/gateway: a node:http server forwarding on raw `net` sockets to the upstream (keep-alive,
// head parsed by splitting lines, body by `Content-Length`). With raw-proxy.mjs and node-proxy.mjs it separates
// what node:http's server and undici each cost per request (docs/decisions/0007). Serves only the bench's
// well-formed mix: no chunked upstream bodies, no validation, no timeouts.
//   node bench/gateway/hybrid-proxy.mjs '{"upstream":"http://127.0.0.1:PORT"}'   prints {"port":N}
import { createServer } from 'node:http';
import { CRLF2, createRawUpstream, readHead } from './raw-http.mjs';

const { upstream } = JSON.parse(process.argv[2]);
const pool = createRawUpstream(upstream);
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'trailer']);
const endToEnd = (name) => !HOP.has(name);

const server = createServer((req, res) => {
  let head = `${req.method} ${req.url} HTTP/1.1\r\n`;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    if (HOP.has(raw[i].toLowerCase())) continue;
    head += `${raw[i]}: ${raw[i + 1]}\r\n`;
  }
  head += 'x-forwarded-for: 127.0.0.1\r\n\r\n';
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    pool.get((up) => {
      let buf = null;
      let headDone = false;
      let remaining = 0;
      const onData = (chunk) => {
        buf = buf ? Buffer.concat([buf, chunk]) : chunk;
        if (!headDone) {
          const end = buf.indexOf(CRLF2);
          if (end < 0) return;
          const head = readHead(buf, end, endToEnd);
          const status = Number(head.first.slice(9, 12));
          const len = head.contentLength;
          const headers = head.headers.flat();
          headDone = true;
          const rest = buf.subarray(end + 4);
          remaining = len - rest.length;
          res.writeHead(status, headers);
          if (remaining <= 0) res.end(rest);
          else res.write(rest);
          buf = null;
        } else {
          remaining -= chunk.length;
          if (remaining <= 0) res.end(chunk);
          else res.write(chunk);
          buf = null;
        }
        if (headDone && remaining <= 0) {
          up.removeListener('data', onData);
          pool.release(up);
        }
      };
      up.on('data', onData);
      up.write(chunks.length ? Buffer.concat([Buffer.from(head, 'latin1'), ...chunks]) : head);
    });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
