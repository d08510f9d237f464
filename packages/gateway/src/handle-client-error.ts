import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiEvent } from '@rampart/core';
import { redactUrl } from '@rampart/core';
import type { GatewayMetrics } from './create-metrics.js';
import { nextRequestId } from './next-request-id.js';
import { parserFailures } from './parser-failures.js';

/** What the client-error handler reports to. */
export interface ClientErrorHost {
  readonly metrics: GatewayMetrics;
  emit(event: ApiEvent): void;
  /** Extra headers for the raw response (HSTS on TLS listeners). */
  staticHeaders(): readonly (readonly [string, string])[];
}

const REQUEST_LINE = /^([A-Za-z]{1,20}) (\S{1,2048})/;

/**
 * `server.on('clientError')`: requests Node's parser refused (smuggling attempts, bad header names or values,
 * obsolete folding, headers too large, slowloris timeouts) get a proper problem response with
 * `Connection: close` instead of a reset (400, 431 for oversized headers, 408 for timeouts), and an `ApiEvent`
 * with verdict `deny` by `http-parser`. Nothing is written when the client is gone or a response is already
 * under way on the socket.
 */
export function createClientErrorHandler(host: ClientErrorHost): (error: Error, socket: Duplex) => void {
  return (error, socket) => {
    const code = (error as { code?: string }).code ?? 'UNKNOWN';
    // The client went away (reset, or closed mid-message): nothing to answer; a request in flight reports 499.
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'HPE_INVALID_EOF_STATE')
      return void socket.destroy();
    const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    const id = nextRequestId();
    const reason = `${code}: ${(error as { reason?: string }).reason ?? error.message}`;
    if (inFlight) parserFailures.set(socket, { status, reason });
    else {
      const raw = (error as { rawPacket?: Buffer }).rawPacket;
      const line = raw ? REQUEST_LINE.exec(raw.subarray(0, 2100).toString('latin1')) : null;
      const remote = (socket as { remoteAddress?: string }).remoteAddress ?? '';
      host.metrics.observeRequest('unmatched', line?.[1]?.toUpperCase() ?? 'UNKNOWN', status, 'deny', 0);
      try {
        host.emit({
          id,
          time: Date.now(),
          origin: 'gateway',
          method: line?.[1]?.toUpperCase() ?? 'UNKNOWN',
          rawPath: line?.[2] ? redactUrl(line[2]) : '',
          path: '',
          status,
          latencyMs: 0,
          requestSize: 0,
          responseSize: 0,
          clientIp: remote.startsWith('::ffff:') && remote.includes('.') ? remote.slice(7) : remote,
          auth: 'none',
          verdict: 'deny',
          deniedBy: { policy: 'http-parser', reason },
          requestHeaders: {},
          responseHeaders: {},
        });
      } catch {
        // a failing sink must not keep the socket open
      }
    }
    if (!socket.writable || inFlight?.headersSent) return void socket.destroy();
    const body = JSON.stringify({
      type: 'about:blank',
      title: STATUS_CODES[status],
      status,
      detail:
        status === 431
          ? 'The request headers are too large.'
          : status === 408
            ? 'The request took too long to arrive.'
            : 'The request is malformed.',
      instance: `urn:uuid:${id}`,
    });
    const extra = host
      .staticHeaders()
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/problem+json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nx-request-id: ${id}\r\n${extra}connection: close\r\n\r\n${body}`,
    );
  };
}
