import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { ResponseJson, UpstreamResponse } from './request-context.js';
import type { UpstreamResponseData } from './upstream-client/upstream-pool.js';

const NOT_JSON: ResponseJson = Object.freeze({ state: 'not-json' });
const EMPTY: ResponseJson = Object.freeze({ state: 'empty' });
const TOO_LARGE: ResponseJson = Object.freeze({ state: 'too-large' });
const ENCODED: ResponseJson = Object.freeze({ state: 'encoded' });
const MALFORMED: ResponseJson = Object.freeze({ state: 'malformed' });
const JSON_SUFFIX = /\+json$/;

/**
 * The gateway's `UpstreamResponse`: buffers a JSON body only when a response handler asks for it (and only up to
 * `maxBytes`), and afterwards tells the forwarder what to send: the untouched stream, the buffered bytes, a
 * replacement, or the bytes read so far followed by the rest of the stream.
 */
export class GatewayUpstreamResponse implements UpstreamResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly mediaType: string | undefined;
  readonly isJson: boolean;

  readonly #body: Readable;
  readonly #maxBytes: number;
  readonly #noBody: boolean;
  #result: Promise<ResponseJson> | undefined;
  /** Every byte read from the upstream so far, when reading stopped early (too large). */
  #prefix: Buffer[] | undefined;
  #rest: AsyncIterator<Buffer> | undefined;
  #buffered: Buffer | undefined;
  #replacement: Buffer | undefined;

  constructor(response: UpstreamResponseData, maxBytes: number, headRequest: boolean) {
    this.status = response.statusCode;
    this.headers = response.headers;
    this.#body = response.body;
    this.#maxBytes = maxBytes;
    this.#noBody = headRequest || this.status === 204 || this.status === 304 || this.status < 200;
    const type = this.headers['content-type'];
    const essence = typeof type === 'string' ? type.split(';', 1)[0]?.trim().toLowerCase() : undefined;
    this.mediaType = essence === '' ? undefined : essence;
    this.isJson =
      this.mediaType !== undefined &&
      (this.mediaType === 'application/json' || JSON_SUFFIX.test(this.mediaType));
  }

  readJson(): Promise<ResponseJson> {
    this.#result ??= this.#read();
    return this.#result;
  }

  replaceJson(value: unknown): void {
    this.#replacement = Buffer.from(JSON.stringify(value) ?? 'null');
  }

  /** True when the body was read or replaced, so the forwarder must not stream the upstream body itself. */
  get touched(): boolean {
    return this.#buffered !== undefined || this.#prefix !== undefined || this.#replacement !== undefined;
  }

  /** The complete body to send (replacement or buffered bytes), when there is one. */
  get completeBody(): Buffer | undefined {
    return this.#replacement ?? this.#buffered;
  }

  /** The body to stream: the bytes already read and the remaining upstream stream, or the untouched stream. */
  streamBody(): Readable {
    const prefix = this.#prefix;
    const rest = this.#rest;
    if (!prefix || !rest) return this.#body;
    const body = this.#body;
    return Readable.from(
      (async function* () {
        yield* prefix;
        for (;;) {
          const next = await rest.next();
          if (next.done) return;
          yield next.value;
        }
      })(),
    ).once('close', () => body.destroy());
  }

  /** Discards the upstream body (the response is being refused). */
  discard(): void {
    // The abort is reported as an error on the body; nobody reads it any more.
    this.#body.on('error', () => undefined);
    this.#body.destroy();
  }

  async #read(): Promise<ResponseJson> {
    if (!this.isJson) return NOT_JSON;
    if (this.#noBody) return EMPTY;
    const encoding = this.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') return ENCODED;
    const length = this.headers['content-length'];
    if (length !== undefined && Number(length) > this.#maxBytes) return TOO_LARGE;
    const iterator = (this.#body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      chunks.push(next.value);
      size += next.value.length;
      if (size > this.#maxBytes) {
        this.#prefix = chunks;
        this.#rest = iterator;
        return TOO_LARGE;
      }
    }
    this.#buffered = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    if (size === 0) return EMPTY;
    try {
      return { state: 'json', value: JSON.parse(this.#buffered.toString('utf8')) };
    } catch {
      // A syntax error, or a RangeError from nesting deep enough to exhaust the stack.
      return MALFORMED;
    }
  }
}
