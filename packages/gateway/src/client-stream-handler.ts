import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { buildResponseHeaders } from './build-response-headers.js';

/** How one upstream attempt through a `ClientStreamHandler` ended. */
export interface ClientStreamResult {
  /** The response head was written to the client (from then on, a failure can only cut the response short). */
  readonly started: boolean;
  /** Why the attempt failed, when it did (before or after `started`). */
  readonly error: Error | undefined;
  /** The upstream sent a header Node refuses to write; nothing was sent and the attempt was aborted. */
  readonly invalidHeader: boolean;
}

/**
 * An undici dispatch handler that streams the upstream's response straight into the client's `ServerResponse`:
 * no intermediate readable stream, pipeline or abort signal per request, which is most of what a proxied
 * request costs besides the sockets. Used when no response policy needs to see the upstream response.
 *
 * Backpressure: the upstream is paused while the client's socket buffer is full and resumed on `drain`. A client
 * that goes away aborts the upstream request (also when it is still waiting for a pooled connection). Headers are
 * built with `buildResponseHeaders` (hop-by-hop removed, `Via`, policy headers). `done` resolves once, when the
 * response is complete, failed, or was aborted.
 */
export class ClientStreamHandler implements Dispatcher.DispatchHandler {
  readonly done: Promise<ClientStreamResult>;

  readonly #res: ServerResponse;
  readonly #extras: [string, string][];
  readonly #gateway: { isClosing(): boolean };
  readonly #counter: { responseBytes: number };
  #controller: Dispatcher.DispatchController | undefined;
  #settle!: (result: ClientStreamResult) => void;
  #settled = false;
  #started = false;
  #clientGone = false;

  /**
   * `extras` are the headers every response gets (see `buildResponseHeaders`); when `gateway` is shutting down as
   * the response starts, `Connection: close` is added. `counter.responseBytes` grows by every body byte passed on
   * (as it happens, so that it is up to date when the response's `close` event reports it).
   */
  constructor(
    res: ServerResponse,
    extras: [string, string][],
    gateway: { isClosing(): boolean },
    counter: { responseBytes: number },
  ) {
    this.#res = res;
    this.#extras = extras;
    this.#gateway = gateway;
    this.#counter = counter;
    this.done = new Promise((resolve) => {
      this.#settle = resolve;
    });
    res.once('close', this.#onClientClose);
  }

  /** True when the client went away before its response was complete. */
  get clientGone(): boolean {
    return this.#clientGone;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#clientGone) controller.abort(new Error('the client went away'));
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    // 1xx informational responses (103 Early Hints) are not passed on; the final response follows.
    if (statusCode < 200 || this.#settled) return;
    if (this.#gateway.isClosing()) this.#extras.push(['connection', 'close']);
    try {
      this.#res.writeHead(statusCode, buildResponseHeaders(headers, this.#extras));
    } catch {
      this.#finish(undefined, true);
      controller.abort(new Error('invalid upstream response header'));
      return;
    }
    this.#started = true;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#counter.responseBytes += chunk.length;
    if (!this.#res.write(chunk)) {
      controller.pause();
      this.#res.once('drain', this.#onDrain);
    }
  }

  onResponseEnd(): void {
    this.#res.end();
    this.#finish(undefined, false);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#finish(error, false);
  }

  #finish(error: Error | undefined, invalidHeader: boolean): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#res.off('drain', this.#onDrain);
    this.#res.off('close', this.#onClientClose);
    this.#settle({ started: this.#started, error, invalidHeader });
  }

  readonly #onDrain = (): void => {
    this.#controller?.resume();
  };

  readonly #onClientClose = (): void => {
    if (this.#res.writableFinished) return;
    this.#clientGone = true;
    this.#controller?.abort(new Error('the client went away'));
  };
}
