import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { AuthOutcome, Identity } from '@rampart/core';
import type { Operation } from '@rampart/openapi';
import { DenialError } from './denial-error.js';
import { measureJsonDepth } from './measure-json-depth.js';
import type { ClientCertificate, RequestContext } from './request-context.js';

const EMPTY = Buffer.alloc(0);
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});
const NO_JSON = Symbol('no-json');

/** What the gateway knows about a request when it creates its context. */
export interface RequestContextInit {
  readonly id: string;
  readonly req: IncomingMessage;
  readonly headers: IncomingHttpHeaders;
  readonly clientIp: string;
  readonly secure: boolean;
  readonly clientCertificate: ClientCertificate | undefined;
  readonly maxBodyBytes: number;
  readonly maxJsonDepth: number;
}

/** The gateway's `RequestContext`, plus the bookkeeping the forwarder needs (body state, byte counts). */
export class GatewayRequestContext implements RequestContext {
  readonly id: string;
  readonly method: string;
  readonly rawUrl: string;
  path = '';
  query = '';
  readonly headers: IncomingHttpHeaders;
  readonly clientIp: string;
  readonly secure: boolean;
  readonly clientCertificate: ClientCertificate | undefined;
  readonly contentLength: number | undefined;
  identity: Identity | undefined = undefined;
  auth: AuthOutcome = 'none';
  operation: Operation | undefined = undefined;
  route: string | undefined = undefined;
  params: Readonly<Record<string, string>> = NO_PARAMS;
  readonly satisfiedSchemes = new Map<string, readonly string[]>();
  /** The first observe-mode record, for the event. */
  observed: { readonly policy: string; readonly reason: string } | undefined = undefined;
  /** Set by `inspectResponse()`: ask the upstream for an uncompressed response. */
  wantsResponseBody = false;
  /** Headers added by policies, sent on every response. */
  readonly responseHeaders: [string, string][] = [];
  /** Whether the request carries a body at all (`Content-Length` > 0 or chunked). */
  readonly hasBody: boolean;
  /** The body, once a policy has buffered it. */
  bufferedBody: Buffer | undefined = undefined;
  /** Body bytes received so far (buffered or streamed). */
  bodyBytes = 0;
  /** Set when the body turned out larger than allowed while being read. */
  bodyTooLarge = false;

  readonly #req: IncomingMessage;
  readonly #maxBodyBytes: number;
  readonly #maxJsonDepth: number;
  #bodyPromise: Promise<Buffer> | undefined;
  #json: unknown = NO_JSON;
  #locals: Map<string, unknown> | undefined;

  constructor(init: RequestContextInit) {
    const req = init.req;
    this.#req = req;
    this.id = init.id;
    this.method = req.method ?? 'GET';
    this.rawUrl = req.url ?? '';
    this.headers = init.headers;
    this.clientIp = init.clientIp;
    this.secure = init.secure;
    this.clientCertificate = init.clientCertificate;
    const cl = req.headers['content-length'];
    this.contentLength = cl === undefined ? undefined : Number(cl);
    this.hasBody = (this.contentLength ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    this.#maxBodyBytes = init.maxBodyBytes;
    this.#maxJsonDepth = init.maxJsonDepth;
  }

  /** Created on first use: most requests never need it. */
  get locals(): Map<string, unknown> {
    this.#locals ??= new Map();
    return this.#locals;
  }

  observe(policy: string, reason: string): void {
    if (this.observed === undefined) this.observed = { policy, reason };
  }

  inspectResponse(): void {
    this.wantsResponseBody = true;
  }

  setResponseHeader(name: string, value: string): void {
    this.responseHeaders.push([name.toLowerCase(), value]);
  }

  readBody(limit?: number): Promise<Buffer> {
    if (this.bufferedBody) return Promise.resolve(this.bufferedBody);
    if (this.#bodyPromise) return this.#bodyPromise;
    const max = Math.min(limit ?? this.#maxBodyBytes, this.#maxBodyBytes);
    if (!this.hasBody) {
      this.bufferedBody = EMPTY;
      return Promise.resolve(EMPTY);
    }
    if (this.contentLength !== undefined && this.contentLength > max) return Promise.reject(tooLarge(max));
    this.#bodyPromise = this.#collectBody(max);
    return this.#bodyPromise;
  }

  /**
   * Reads the whole body with plain stream listeners (no async iterator: one promise per body, not per chunk).
   * Past `max` bytes it stops reading and leaves the socket open, so that the client still gets its 413.
   */
  #collectBody(max: number): Promise<Buffer> {
    const req = this.#req;
    if (req.destroyed)
      return Promise.reject(new Error('the request body was cut short: the connection closed'));
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const done = (): void => {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        req.off('close', onClose);
      };
      const onData = (chunk: Buffer): void => {
        this.bodyBytes += chunk.length;
        if (this.bodyBytes > max) {
          this.bodyTooLarge = true;
          done();
          req.pause();
          reject(tooLarge(max));
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = (): void => {
        done();
        this.bufferedBody = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        resolve(this.bufferedBody);
      };
      const onError = (error: Error): void => {
        done();
        reject(error);
      };
      // The connection closed before the body was complete (no 'end' will come).
      const onClose = (): void => {
        done();
        reject(new Error('the request body was cut short: the connection closed'));
      };
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
      req.on('close', onClose);
    });
  }

  async readJson(limit?: number): Promise<unknown> {
    if (this.#json !== NO_JSON) return this.#json;
    const body = await this.readBody(limit);
    if (measureJsonDepth(body, this.#maxJsonDepth) > this.#maxJsonDepth)
      throw new DenialError({
        status: 400,
        detail: `The JSON body nests deeper than ${this.#maxJsonDepth} levels.`,
        reason: `JSON body exceeds limits.maxJsonDepth ${this.#maxJsonDepth}`,
      });
    try {
      this.#json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new DenialError({
        status: 400,
        detail: 'The request body is not valid JSON.',
        reason: 'malformed JSON body',
      });
    }
    return this.#json;
  }

  /**
   * The body as the upstream pool should send it: the buffer when a policy read it, `null` when there is none, else a
   * stream that counts bytes and stops (with `bodyTooLarge` set) once `limits.maxBodyBytes` is passed.
   */
  bodyForUpstream(): Buffer | AsyncIterable<Buffer> | null {
    if (this.bufferedBody) return this.bufferedBody.length === 0 && !this.hasBody ? null : this.bufferedBody;
    if (!this.hasBody) return null;
    return this.#streamBody();
  }

  async *#streamBody(): AsyncIterable<Buffer> {
    const max = this.#maxBodyBytes;
    for await (const chunk of this.#req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      this.bodyBytes += chunk.length;
      if (this.bodyBytes > max) {
        this.bodyTooLarge = true;
        throw tooLarge(max);
      }
      yield chunk;
    }
  }
}

function tooLarge(max: number): DenialError {
  return new DenialError({
    status: 413,
    detail: `The request body is larger than ${max} bytes.`,
    reason: `request body exceeds ${max} bytes`,
  });
}
