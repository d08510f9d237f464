import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Denial } from './define-policy.js';

/** RFC 6455 §4.1: 16 random bytes, base64-encoded. */
const KEY = /^[A-Za-z0-9+/]{21}[AQgw]==$/;

/**
 * Decides whether an upgrade request that passed every policy may become a WebSocket tunnel (RFC 6455 §4.1,
 * §4.2.1), or how it is refused:
 * - `Upgrade` without the `websocket` token: 403, because the gateway never tunnels a protocol it does not know
 *   (its policies could not speak for what flows after the switch); the request handler only asks about
 *   WebSocket upgrades (`isWebSocketUpgrade`) and serves other bodyless ones as plain HTTP/1.1;
 * - WebSockets turned off (`proxy.websockets: false`): 403, the operator's decision, rather than a silent
 *   downgrade to a plain request;
 * - not `GET`, not HTTP/1.1, a request body, no `Connection: upgrade`, a missing or malformed
 *   `Sec-WebSocket-Key`: 400 (a malformed handshake);
 * - `Sec-WebSocket-Version` other than 13: 426 with `Sec-WebSocket-Version: 13`, as §4.4 prescribes.
 */
export function checkWebSocketHandshake(req: IncomingMessage, enabled: boolean): Denial | undefined {
  const headers = req.headers;
  if (!hasToken(headers.upgrade, 'websocket'))
    return {
      status: 403,
      detail: 'The gateway does not switch to the requested protocol.',
      reason: `upgrade to ${JSON.stringify(String(headers.upgrade ?? '').slice(0, 64))} is not supported`,
    };
  if (!enabled)
    return {
      status: 403,
      detail: 'WebSocket connections are not accepted.',
      reason: 'WebSocket handshake refused: proxy.websockets is false',
    };
  if (req.method !== 'GET') return malformed(`WebSocket handshake with method ${req.method}`);
  if (req.httpVersion !== '1.1') return malformed(`WebSocket handshake over HTTP/${req.httpVersion}`);
  if (!hasToken(headers.connection, 'upgrade'))
    return malformed('WebSocket handshake without Connection: upgrade');
  const length = headers['content-length'];
  if ((length !== undefined && length !== '0') || headers['transfer-encoding'] !== undefined)
    return malformed('WebSocket handshake with a request body');
  const key = headers['sec-websocket-key'];
  if (key === undefined || !KEY.test(key)) return malformed('missing or malformed Sec-WebSocket-Key');
  if (headers['sec-websocket-version'] !== '13')
    return {
      status: 426,
      detail: 'Only WebSocket protocol version 13 is supported.',
      reason: `Sec-WebSocket-Version ${JSON.stringify(String(headers['sec-websocket-version'] ?? '').slice(0, 16))}`,
      headers: { 'sec-websocket-version': '13' },
    };
  return undefined;
}

/** Whether the request asks to switch to WebSocket (`Upgrade` lists the `websocket` token). */
export function isWebSocketUpgrade(headers: IncomingHttpHeaders): boolean {
  return hasToken(headers.upgrade, 'websocket');
}

/** True when a comma-separated header value lists `token` (case-insensitive). */
function hasToken(value: string | string[] | undefined, token: string): boolean {
  if (value === undefined) return false;
  const text = Array.isArray(value) ? value.join(',') : value;
  for (const part of text.split(',')) if (part.trim().toLowerCase() === token) return true;
  return false;
}

function malformed(reason: string): Denial {
  return { status: 400, detail: 'The WebSocket handshake is malformed.', reason };
}
