import { type IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { upgradeHeads } from './upgrade-heads.js';

/**
 * The server's `upgrade` listener. Node hands upgrade requests (`Connection: upgrade` with an `Upgrade` header)
 * to it with the bare socket instead of to the request listener. It gives the request an ordinary
 * `ServerResponse` on that socket and passes both to `handler`, the gateway's request listener, so that a
 * handshake runs the same pipeline as any request: a refusal is a normal problem response, after which the
 * connection closes (the framing of whatever the client sent after an upgrade request cannot be trusted). When
 * every policy allows it, the request handler opens the WebSocket tunnel on the same socket.
 */
export function createUpgradeListener(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    // Node removed its own listeners from the socket: without one, an ECONNRESET would be an uncaught error.
    // An error is followed by 'close', which ends the response (and its event) or the tunnel.
    socket.on('error', ignore);
    if (head.length > 0) upgradeHeads.set(req, head);
    const res = new ServerResponse(req);
    res.assignSocket(socket as Parameters<ServerResponse['assignSocket']>[0]);
    res.shouldKeepAlive = false;
    res.on('finish', () => {
      // A 101 hands the socket over to the tunnel; anything else was the whole answer.
      if (res.statusCode !== 101) socket.end(() => socket.destroy());
    });
    handler(req, res);
  };
}

function ignore(): void {}
