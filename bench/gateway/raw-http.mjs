// The raw-socket pieces shared by the bench's Node references (raw-proxy.mjs, hybrid-proxy.mjs): an idle list of
// keep-alive upstream sockets, and a head reader that splits a complete head into lines. Well-formed input only:
// these are measuring sticks for the least Node can do, not HTTP implementations.
import { connect } from 'node:net';

export const CRLF2 = Buffer.from('\r\n\r\n');

/** Keep-alive sockets to `origin`: `get(cb)` hands an idle one or a new one, `release(socket)` returns it. */
export function createRawUpstream(origin) {
  const url = new URL(origin);
  const idle = [];
  return {
    get(cb) {
      const socket = idle.pop();
      if (socket) return cb(socket);
      const fresh = connect(Number(url.port), url.hostname);
      fresh.setNoDelay(true);
      fresh.on('error', () => {});
      fresh.once('connect', () => cb(fresh));
    },
    release(socket) {
      idle.push(socket);
    },
  };
}

/**
 * Splits the head that ends at `end` (the index of CRLFCRLF) into its first line and header lines, with the
 * `Content-Length` and, for `keep(name)`, the lines to pass on.
 */
export function readHead(buffer, end, keep) {
  const lines = buffer.toString('latin1', 0, end).split('\r\n');
  let contentLength = 0;
  const kept = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    if (name === 'content-length') contentLength = Number(line.slice(colon + 1));
    if (keep(name)) kept.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { first: lines[0], contentLength, headers: kept };
}
