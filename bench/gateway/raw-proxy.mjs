// A reference for bench/gateway: the least Node can do per proxied request, on raw `net` sockets both ways (no
// node:http, no undici): the request head is split into lines, hop-by-hop `Connection`/`Keep-Alive` dropped,
// `X-Forwarded-For` added, the body read by `Content-Length`; the response is passed back by its
// `Content-Length`. No chunked bodies, no validation, no timeouts: it only serves the bench's well-formed mix and
// shows the floor under any Node gateway once the HTTP libraries are taken out (docs/decisions/0007).
//   node bench/gateway/raw-proxy.mjs '{"upstream":"http://127.0.0.1:PORT"}'   prints {"port":N}
import { createServer } from 'node:net';
import { CRLF2, createRawUpstream, readHead } from './raw-http.mjs';

const { upstream } = JSON.parse(process.argv[2]);
const pool = createRawUpstream(upstream);
const endToEnd = (name) => name !== 'connection' && name !== 'keep-alive';

/** The head to pass on, and the body length it announces. */
function rewrite(buffer, end, extra) {
  const head = readHead(buffer, end, endToEnd);
  let out = `${head.first}\r\n`;
  for (const [name, value] of head.headers) out += `${name}: ${value}\r\n`;
  return { out: `${out}${extra}\r\n`, length: head.contentLength };
}

function forward(client, head, body, done) {
  pool.get((up) => {
    let buf = null;
    let remaining = -1;
    const onData = (chunk) => {
      if (remaining < 0) {
        buf = buf ? Buffer.concat([buf, chunk]) : chunk;
        const end = buf.indexOf(CRLF2);
        if (end < 0) return;
        const { out, length } = rewrite(buf, end, '');
        const rest = buf.subarray(end + 4);
        remaining = length - rest.length;
        client.write(rest.length > 0 ? Buffer.concat([Buffer.from(out, 'latin1'), rest]) : out);
        buf = null;
      } else {
        remaining -= chunk.length;
        client.write(chunk);
      }
      if (remaining <= 0) {
        up.removeListener('data', onData);
        pool.release(up);
        done();
      }
    };
    up.on('data', onData);
    up.write(body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : head);
  });
}

const server = createServer((client) => {
  client.setNoDelay(true);
  let buf = null;
  let busy = false;
  const pump = () => {
    if (busy || !buf) return;
    const end = buf.indexOf(CRLF2);
    if (end < 0) return;
    const { out, length } = rewrite(buf, end, 'x-forwarded-for: 127.0.0.1\r\n');
    if (buf.length < end + 4 + length) return;
    const body = length ? buf.subarray(end + 4, end + 4 + length) : null;
    buf = buf.length > end + 4 + length ? buf.subarray(end + 4 + length) : null;
    busy = true;
    forward(client, out, body, () => {
      busy = false;
      pump();
    });
  };
  client.on('data', (chunk) => {
    buf = buf ? Buffer.concat([buf, chunk]) : chunk;
    pump();
  });
  client.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
