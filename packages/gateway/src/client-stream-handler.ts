import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { buildResponseHeaders } from './build-response-headers.js';
import type { UpstreamController, UpstreamHandler } from './upstream-client/upstream-pool.js';

/** What a `ClientStreamHandler` reports to, and reads from, the request it serves. */
export interface ClientStreamOwner {
  /** True once the gateway is shutting down: the response then gets `Connection: close`. */
  isClosing(): boolean;
  /** Grows by every body byte passed on, as it happens (up to date when the response's `close` reports it). */
  responseBytes: number;
  /** Set to the headers written to the client, for the event. */
  responseHeaders: OutgoingHttpHeaders | undefined;
  /**
   * Called once, when the attempt is over: the response is complete (`error` undefined, `started` true), it
   * failed before or after its head was written, the upstream sent a header Node refuses to write
   * (`invalidHeader`; nothing was sent), or it was aborted because the client went away.
   */
  streamEnded(handler: ClientStreamHandler, error: Error | undefined, invalidHeader: boolean): void;
}

/**
 * An upstream dispatch handler that streams the upstream's response straight into the client's `ServerResponse`:
 * no intermediate readable stream, pipeline, abort signal or promise per request, which is most of what a proxied
 * request costs besides the sockets. Used when no response policy needs to see the upstream response.
 *
 * Backpressure: the upstream is paused while the client's socket buffer is full and resumed on `drain`. The owner
 * calls `abortForClient()` when the client goes away, which aborts the upstream request (also when it is still
 * waiting for a pooled connection). Headers are built with `buildResponseHeaders` (hop-by-hop removed, `Via`,
 * policy headers).
 */
export class ClientStreamHandler implements UpstreamHandler {
  /** The response head was written to the client (from then on, a failure can only cut the response short). */
  started = false;
  /** The client went away before its response was complete. */
  clientGone = false;

  readonly #res: ServerResponse;
  readonly #extras: [string, string][];
  readonly #owner: ClientStreamOwner;
  #controller: UpstreamController | undefined = undefined;
  #settled = false;
  #onDrain: (() => void) | undefined = undefined;
  /** Waiting for the client's `drain` (one listener at a time, however many chunks a read delivers). */
  #draining = false;

  /**
   * `extras` are the headers every response gets (see `buildResponseHeaders`); when the owner is shutting down as
   * the response starts, `Connection: close` is added.
   */
  constructor(res: ServerResponse, extras: [string, string][], owner: ClientStreamOwner) {
    this.#res = res;
    this.#extras = extras;
    this.#owner = owner;
  }

  /** The client went away: abort the upstream request (now, or while it waits for a connection). */
  abortForClient(): void {
    if (this.#settled) return;
    this.clientGone = true;
    this.#controller?.abort(new Error('the client went away'));
  }

  onRequestStart(controller: UpstreamController): void {
    this.#controller = controller;
    if (this.clientGone) controller.abort(new Error('the client went away'));
  }

  onResponseStart(controller: UpstreamController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (this.#settled) return;
    if (this.#owner.isClosing()) this.#extras.push(['connection', 'close']);
    const out = buildResponseHeaders(headers, this.#extras);
    try {
      this.#res.writeHead(statusCode, out);
    } catch {
      this.#finish(undefined, true);
      controller.abort(new Error('invalid upstream response header'));
      return;
    }
    this.#owner.responseHeaders = out;
    this.started = true;
  }

  onResponseData(controller: UpstreamController, chunk: Buffer): void {
    this.#owner.responseBytes += chunk.length;
    if (!this.#res.write(chunk) && !this.#draining) {
      controller.pause();
      this.#draining = true;
      this.#onDrain ??= () => {
        this.#draining = false;
        this.#controller?.resume();
      };
      this.#res.once('drain', this.#onDrain);
    }
  }

  onResponseEnd(): void {
    this.#res.end();
    this.#finish(undefined, false);
  }

  onResponseError(_controller: UpstreamController, error: Error): void {
    this.#finish(error, false);
  }

  #finish(error: Error | undefined, invalidHeader: boolean): void {
    if (this.#settled) return;
    this.#settled = true;
    if (this.#onDrain) this.#res.off('drain', this.#onDrain);
    this.#owner.streamEnded(this, error, invalidHeader);
  }
}
