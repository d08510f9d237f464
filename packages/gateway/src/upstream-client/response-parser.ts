import type { IncomingHttpHeaders } from 'node:http';
import { UpstreamError } from './upstream-error.js';

/** What the parser reports, in order: one head, body bytes, then the end. */
export interface ResponseParserEvents {
  /** The final response's head (1xx informational responses are skipped). */
  onHead(status: number, headers: IncomingHttpHeaders): void;
  /** Body bytes, de-chunked; the buffer may be a view into the socket's chunk. */
  onBody(chunk: Buffer): void;
  /**
   * The response is complete. `reusable` is false when the connection cannot carry another exchange: the
   * upstream asked to close, the body was delimited by the close, or bytes followed the response.
   */
  onEnd(reusable: boolean): void;
}

/** Opt-in behaviour of a `ResponseParser`; the default refuses what a pooled request/response exchange never asks for. */
export interface ResponseParserOptions {
  /**
   * Accept `101 Switching Protocols`, for a request that asked to upgrade (a WebSocket handshake on a dedicated
   * connection). The 101 is then reported here instead of `onHead`, with its headers and the bytes that followed
   * its head in the same read (already the new protocol's); the parser stops: nothing more is fed to it. Without
   * this option a 101 is refused as malformed. Other responses are reported as usual.
   */
  readonly onUpgrade?: (headers: IncomingHttpHeaders, rest: Buffer) => void;
}

/** Where the parser is in the response. */
const State = {
  Idle: 0,
  Head: 1,
  Length: 2,
  ChunkSize: 3,
  ChunkData: 4,
  ChunkEnd: 5,
  Trailers: 6,
  UntilClose: 7,
  /** The response is complete; `execute` reports it with whether bytes followed. */
  Complete: 8,
  Done: 9,
  /** A 101 was accepted (`onUpgrade` option): the rest of the bytes belong to the new protocol. */
  Upgraded: 10,
} as const;
type State = (typeof State)[keyof typeof State];

const CR = 0x0d;
const LF = 0x0a;
/** A chunk-size line with its extensions, or one trailer line. */
const MAX_LINE = 4096;
/** 13 hex digits: at most 2^52 - 1, exact as a double. */
const CHUNK_SIZE = /^[0-9A-Fa-f]{1,13}$/;
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-5][0-9][0-9])(?: [^\0\r\n]*)?$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values: visible characters, spaces and tabs, and obs-text (RFC 9110 §5.5); no other control characters.
const INVALID_VALUE = /[\0-\x08\x0a-\x1f\x7f]/;
const DIGITS = /^[0-9]{1,15}$/;
const CRLF_CRLF = Buffer.from('\r\n\r\n');
const EMPTY = Buffer.alloc(0);

/**
 * An incremental, strict HTTP/1.1 response parser for one connection, one exchange at a time (no pipelining).
 * Anything a lenient parser would have to guess at is refused with `UPSTREAM_MALFORMED`, because a guess about
 * where a response ends on a pooled connection is how one client's bytes reach another (response smuggling):
 * `Content-Length` together with `Transfer-Encoding`, conflicting or malformed lengths, codings other than
 * `chunked`, obsolete line folding, bare LF line ends, header names that are not tokens, control characters in
 * values, oversized heads and chunk lines. `101 Switching Protocols` is refused (a pooled exchange never asks
 * to upgrade) unless the `onUpgrade` option accepts it; other 1xx responses are skipped.
 */
export class ResponseParser {
  readonly #events: ResponseParserEvents;
  readonly #maxHeadBytes: number;
  readonly #onUpgrade: ResponseParserOptions['onUpgrade'];
  #state: State = State.Idle;
  #noBody = false;
  #reusable = true;
  /** The pieces of an incomplete head (copies), their total size, and its last three bytes. */
  #headParts: Buffer[] | undefined = undefined;
  #headBytes = 0;
  #headTail: Buffer = EMPTY;
  /** Body bytes left: of the content length or of the current chunk. */
  #remaining = 0;
  /** A chunk-size or trailer line received in pieces. */
  #line = '';
  #trailerBytes = 0;
  #sawBytes = false;
  /** Counts `expect()` calls: a handler may start the next exchange from inside `execute()`. */
  #generation = 0;
  /** The headers of an accepted 101, until `execute` hands them to `onUpgrade` with the bytes after the head. */
  #upgradeHeaders: IncomingHttpHeaders | undefined = undefined;

  constructor(events: ResponseParserEvents, maxHeadBytes: number, options?: ResponseParserOptions) {
    this.#events = events;
    this.#maxHeadBytes = maxHeadBytes;
    this.#onUpgrade = options?.onUpgrade;
  }

  /** Prepares for the response to a request with this method. */
  expect(method: string): void {
    this.#generation++;
    this.#state = State.Head;
    this.#noBody = method === 'HEAD';
    this.#reusable = true;
    this.#headParts = undefined;
    this.#line = '';
    this.#trailerBytes = 0;
    this.#sawBytes = false;
  }

  /** The exchange was given up: nothing more is parsed until the next `expect()`. */
  stop(): void {
    this.#state = State.Done;
    this.#generation++;
  }

  /** True once any byte of the current response arrived. */
  get started(): boolean {
    return this.#sawBytes;
  }

  /** True while a response is expected or being received. */
  get active(): boolean {
    return this.#state !== State.Idle && this.#state !== State.Done;
  }

  /** Feeds bytes from the socket. Throws `UpstreamError` (`UPSTREAM_MALFORMED`) on a framing violation. */
  execute(data: Buffer): void {
    if (data.length > 0) this.#sawBytes = true;
    const generation = this.#generation;
    let at = 0;
    while (at < data.length) {
      if (this.#generation !== generation) return;
      if (this.#state === State.Complete) break;
      switch (this.#state) {
        case State.Head:
          at = this.#readHead(data, at);
          if ((this.#state as State) === State.Upgraded) {
            this.#state = State.Done;
            (this.#onUpgrade as NonNullable<ResponseParserOptions['onUpgrade']>)(
              this.#upgradeHeaders as IncomingHttpHeaders,
              at < data.length ? data.subarray(at) : EMPTY,
            );
            this.#upgradeHeaders = undefined;
            return;
          }
          break;
        case State.Length: {
          const take = Math.min(this.#remaining, data.length - at);
          this.#remaining -= take;
          const chunk = at === 0 && take === data.length ? data : data.subarray(at, at + take);
          at += take;
          this.#events.onBody(chunk);
          if (this.#remaining === 0) this.#state = State.Complete;
          break;
        }
        case State.ChunkSize:
        case State.Trailers:
          at = this.#readLine(data, at);
          break;
        case State.ChunkData: {
          const take = Math.min(this.#remaining, data.length - at);
          this.#remaining -= take;
          const chunk = data.subarray(at, at + take);
          at += take;
          this.#events.onBody(chunk);
          if (this.#remaining === 0) {
            this.#state = State.ChunkEnd;
            this.#remaining = 2;
          }
          break;
        }
        case State.ChunkEnd: {
          // The CRLF after a chunk's data, possibly split across reads.
          const expected = this.#remaining === 2 ? CR : LF;
          if (data[at] !== expected) throw malformed('a chunk is not followed by CRLF');
          at++;
          this.#remaining--;
          if (this.#remaining === 0) this.#state = State.ChunkSize;
          break;
        }
        case State.UntilClose: {
          this.#events.onBody(at === 0 ? data : data.subarray(at));
          at = data.length;
          break;
        }
        default:
          // Bytes with no exchange waiting for them, or after the response ended: the connection is unusable.
          throw malformed('the upstream sent bytes after its response was complete');
      }
    }
    if (this.#state === State.Complete && this.#generation === generation) this.#end(at < data.length);
  }

  /**
   * The upstream closed its side. Completes a body delimited by the close; throws `UPSTREAM_CLOSED` when a
   * response was expected or incomplete.
   */
  finish(): void {
    if (this.#state === State.UntilClose) {
      this.#end(false);
      return;
    }
    if (this.active)
      throw new UpstreamError(
        'UPSTREAM_CLOSED',
        this.#sawBytes
          ? 'the upstream closed the connection before its response was complete'
          : 'the upstream closed the connection without answering',
      );
  }

  #end(trailing: boolean): void {
    this.#state = State.Done;
    this.#events.onEnd(this.#reusable && !trailing);
  }

  /**
   * Reads the head, which may arrive in pieces. Each piece is looked at once (with the three bytes before it, for
   * a CRLFCRLF across the boundary) and the head is joined once when complete: a head sent a byte at a time costs
   * linear work, not quadratic.
   */
  #readHead(data: Buffer, at: number): number {
    const piece = at === 0 ? data : data.subarray(at);
    const max = this.#maxHeadBytes;
    const parts = this.#headParts;
    const before = parts ? this.#headBytes : 0;
    const tail = parts ? this.#headTail : EMPTY;
    const window = parts ? Buffer.concat([tail, piece]) : piece;
    const found = window.indexOf(CRLF_CRLF);
    if (found !== -1) {
      const end = before - tail.length + found; // where CRLFCRLF starts in the whole head
      if (end + 4 > max) throw malformed(`the response head is larger than ${max} bytes`);
      const head = parts ? Buffer.concat([...parts, piece], before + piece.length) : piece;
      this.#headParts = undefined;
      this.#parseHead(head.toString('latin1', 0, end));
      return at + (end + 4 - before);
    }
    if (before + piece.length > max) throw malformed(`the response head is larger than ${max} bytes`);
    // A head ended with bare LFs would never show CRLFCRLF: refuse it now rather than at the timeout.
    // (The tail's own bytes were checked when they arrived.)
    for (let lf = window.indexOf(LF, tail.length); lf !== -1; lf = window.indexOf(LF, lf + 1))
      if (lf === 0 || window[lf - 1] !== CR) throw malformed('a bare LF line end in the head');
    const copy = Buffer.from(piece);
    if (parts) parts.push(copy);
    else this.#headParts = [copy];
    this.#headBytes = before + piece.length;
    this.#headTail =
      window.length > 3 ? Buffer.from(window.subarray(window.length - 3)) : Buffer.from(window);
    return data.length;
  }

  #parseHead(head: string): void {
    // Lines are walked with indexOf rather than split: one array and one string less per response.
    let lineEnd = head.indexOf('\r\n');
    if (lineEnd === -1) lineEnd = head.length;
    const statusLine = head.slice(0, lineEnd);
    const match = STATUS_LINE.exec(statusLine);
    if (!match) throw malformed(`invalid status line ${JSON.stringify(statusLine.slice(0, 64))}`);
    const http10 = match[1] === '0';
    const status = Number(match[2]);
    const headers: IncomingHttpHeaders = {};
    let connection: string | undefined;
    let contentLength: string | undefined;
    let transferEncoding: string | undefined;
    while (lineEnd < head.length) {
      const lineStart = lineEnd + 2;
      lineEnd = head.indexOf('\r\n', lineStart);
      if (lineEnd === -1) lineEnd = head.length;
      const line = head.slice(lineStart, lineEnd);
      const colon = line.indexOf(':');
      if (colon <= 0) {
        const first = line.charCodeAt(0);
        throw malformed(
          first === 0x20 || first === 0x09
            ? 'obsolete line folding in a header'
            : `a header line without a name: ${JSON.stringify(line.slice(0, 64))}`,
        );
      }
      const rawName = line.slice(0, colon);
      if (!TOKEN.test(rawName))
        throw malformed(`invalid header name ${JSON.stringify(rawName.slice(0, 64))}`);
      const value = trimWhitespace(line, colon + 1);
      if (INVALID_VALUE.test(value)) throw malformed(`a control character in header ${rawName}`);
      const name = rawName.toLowerCase();
      switch (name) {
        case 'content-length':
          contentLength = contentLength === undefined ? value : `${contentLength},${value}`;
          break;
        case 'transfer-encoding':
          transferEncoding = transferEncoding === undefined ? value : `${transferEncoding},${value}`;
          break;
        case 'connection':
          connection = connection === undefined ? value : `${connection},${value}`;
          break;
      }
      const existing = headers[name];
      if (existing === undefined) headers[name] = name === 'set-cookie' ? [value] : value;
      else if (Array.isArray(existing)) existing.push(value);
      else headers[name] = `${existing}, ${value}`;
    }
    if (status < 200) {
      if (status === 101) {
        if (this.#onUpgrade === undefined)
          throw malformed('101 Switching Protocols to a request that asked for no upgrade');
        this.#state = State.Upgraded;
        this.#upgradeHeaders = headers;
        return;
      }
      // 100 Continue, 103 Early Hints: the final response follows.
      this.#state = State.Head;
      return;
    }
    const tokens = connection?.toLowerCase();
    if (tokens !== undefined && hasToken(tokens, 'close')) this.#reusable = false;
    else if (http10 && !(tokens !== undefined && hasToken(tokens, 'keep-alive'))) this.#reusable = false;

    let length = -1;
    const noBody = this.#noBody || status === 204 || status === 304;
    if (transferEncoding !== undefined) {
      if (contentLength !== undefined) throw malformed('both Content-Length and Transfer-Encoding');
      if (http10) throw malformed('Transfer-Encoding in an HTTP/1.0 response');
      if (transferEncoding.trim().toLowerCase() !== 'chunked')
        throw malformed(`unsupported Transfer-Encoding ${JSON.stringify(transferEncoding.slice(0, 64))}`);
    } else if (contentLength !== undefined) {
      length = parseContentLength(contentLength);
    }

    const generation = this.#generation;
    this.#events.onHead(status, headers);
    if (this.#generation !== generation) return; // the handler aborted the exchange
    if (noBody || length === 0) {
      this.#state = State.Complete;
      return;
    }
    if (transferEncoding !== undefined) {
      this.#state = State.ChunkSize;
      this.#line = '';
    } else if (length > 0) {
      this.#state = State.Length;
      this.#remaining = length;
    } else {
      this.#state = State.UntilClose;
      this.#reusable = false;
    }
  }

  /** A chunk-size or trailer line, possibly split across reads. */
  #readLine(data: Buffer, at: number): number {
    const lf = data.indexOf(LF, at);
    const end = lf === -1 ? data.length : lf;
    const piece = data.toString('latin1', at, end);
    const line = this.#line === '' ? piece : this.#line + piece;
    if (line.length > MAX_LINE + 1) throw malformed(`a chunk line longer than ${MAX_LINE} bytes`);
    if (lf === -1) {
      this.#line = line;
      return data.length;
    }
    this.#line = '';
    if (line.charCodeAt(line.length - 1) !== CR) throw malformed('a bare LF line end in the chunked body');
    const content = line.slice(0, -1);
    if (content.includes('\r')) throw malformed('a bare CR in the chunked body');
    if (this.#state === State.Trailers) {
      if (content === '') {
        this.#state = State.Complete;
        return lf + 1;
      }
      this.#trailerBytes += line.length + 1;
      if (this.#trailerBytes > this.#maxHeadBytes)
        throw malformed(`trailers larger than ${this.#maxHeadBytes} bytes`);
      return lf + 1;
    }
    const semicolon = content.indexOf(';');
    const size = trimWhitespace(semicolon === -1 ? content : content.slice(0, semicolon), 0);
    if (!CHUNK_SIZE.test(size)) throw malformed(`invalid chunk size ${JSON.stringify(size.slice(0, 32))}`);
    const n = Number.parseInt(size, 16);
    if (n === 0) this.#state = State.Trailers;
    else {
      this.#state = State.ChunkData;
      this.#remaining = n;
    }
    return lf + 1;
  }
}

function parseContentLength(value: string): number {
  let length = -1;
  for (const part of value.split(',')) {
    const digits = part.trim();
    if (!DIGITS.test(digits)) throw malformed(`invalid Content-Length ${JSON.stringify(value.slice(0, 64))}`);
    const n = Number(digits);
    if (length !== -1 && n !== length) throw malformed(`conflicting Content-Length values ${value}`);
    length = n;
  }
  return length;
}

function hasToken(list: string, token: string): boolean {
  for (const part of list.split(',')) if (part.trim() === token) return true;
  return false;
}

function trimWhitespace(text: string, from: number): string {
  let start = from;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function malformed(message: string): UpstreamError {
  return new UpstreamError('UPSTREAM_MALFORMED', `malformed upstream response: ${message}`);
}
