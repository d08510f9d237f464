// A reference for bench/gateway: the least Node can do per proxied request, on raw `net` sockets both ways (no
// node:http, no undici): the request head is split into lines, hop-by-hop `Connection`/`Keep-Alive` dropped,
// `X-Forwarded-For` added, the body read by `Content-Length`; the response is passed back by its
// `Content-Length`. No chunked bodies, no validation, no timeouts: it only serves the bench's well-formed mix and
// shows the floor under any Node gateway once the HTTP libraries are taken out (docs/decisions/0007).
//   node bench/gateway/raw-proxy.mjs '{"upstream":"http://127.0.0.1:PORT"}'   prints {"port":N}
import { connect, createServer } from 'node:net';

const { upstream } = JSON.parse(process.argv[2]);
const u = new URL(upstream);
const idle = [];
const CRLF2 = Buffer.from('\r\n\r\n');

function parseHead(buf, end) {
  const text = buf.latin1Slice(0, end);
  const lines = text.split('\r\n');
  return lines;
}

function getUpstream(cb) {
  const s = idle.pop();
  if (s) return cb(s);
  const sock = connect(Number(u.port), u.hostname);
  sock.setNoDelay(true);
  sock.on('error', () => {});
  sock.once('connect', () => cb(sock));
}

function forward(client, head, body, done) {
  getUpstream((up) => {
    let buf = null;
    let headDone = false;
    let remaining = 0;
    const onData = (chunk) => {
      buf = buf ? Buffer.concat([buf, chunk]) : chunk;
      if (!headDone) {
        const end = buf.indexOf(CRLF2);
        if (end < 0) return;
        const lines = parseHead(buf, end);
        let len = 0;
        let out = `${lines[0]}\r\n`;
        for (let i = 1; i < lines.length; i++) {
          const l = lines[i];
          const c = l.indexOf(':');
          const name = l.slice(0, c).toLowerCase();
          if (name === 'content-length') len = Number(l.slice(c + 1));
          if (name === 'connection' || name === 'keep-alive') continue;
          out += `${l}\r\n`;
        }
        out += '\r\n';
        headDone = true;
        const rest = buf.subarray(end + 4);
        remaining = len - rest.length;
        client.write(out);
        if (rest.length) client.write(rest);
        buf = null;
      } else {
        remaining -= chunk.length;
        client.write(chunk);
        buf = null;
      }
      if (headDone && remaining <= 0) {
        up.removeListener('data', onData);
        idle.push(up);
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
    const lines = parseHead(buf, end);
    let len = 0;
    let out = `${lines[0]}\r\n`;
    for (let i = 1; i < lines.length; i++) {
      const l = lines[i];
      const c = l.indexOf(':');
      const name = l.slice(0, c).toLowerCase();
      if (name === 'content-length') len = Number(l.slice(c + 1));
      if (name === 'connection' || name === 'keep-alive') continue;
      out += `${l}\r\n`;
    }
    out += 'x-forwarded-for: 127.0.0.1\r\n\r\n';
    if (buf.length < end + 4 + len) return;
    const body = len ? buf.subarray(end + 4, end + 4 + len) : null;
    buf = buf.length > end + 4 + len ? buf.subarray(end + 4 + len) : null;
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
