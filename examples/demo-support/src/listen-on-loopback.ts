import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a demo may listen: a port, and a host that must be its loopback address (the default). */
export interface LoopbackListenOptions {
  readonly port?: number;
  readonly host?: string;
}

/**
 * Starts `server` on `loopback` only and resolves to its base URL. A deliberately vulnerable demo must never be
 * reachable from elsewhere, so any other host is refused (with the demo's `name` in the message), as is a port
 * outside 0–65535.
 */
export function listenOnLoopback(
  server: Server,
  loopback: string,
  name: string,
  { port = 0, host = loopback }: LoopbackListenOptions = {},
): Promise<string> {
  if (host !== loopback) {
    return Promise.reject(
      new TypeError(`host must be ${loopback}: the ${name} never listens elsewhere, got "${host}"`),
    );
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    return Promise.reject(new TypeError(`port must be an integer from 0 to 65535, got ${port}`));
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, loopback, () => {
      server.off('error', reject);
      resolve(`http://${loopback}:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** Stops accepting connections and drops the open ones; resolves once the server is closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
