/** One request the scanner sends. Headers are plain lower- or mixed-case names; the body is text. */
export interface ScanRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Which identity's credentials the request carries, for evidence and counting (`anonymous`, `alice`). */
  readonly identity?: string;
}

/** What came back. Header names are lower case; repeated headers are joined with `, ` except `set-cookie`. */
export interface ScanResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Every `Set-Cookie` value, in order. */
  readonly setCookies: readonly string[];
  /** The body as UTF-8 text, cut at the transport's byte limit. */
  readonly body: string;
  /** True when the body was longer than the limit and was cut. */
  readonly truncated: boolean;
  readonly durationMs: number;
  /** The request exactly as it was sent (after every decorator added its headers). */
  readonly request: ScanRequest;
}

/**
 * The scanner's one narrow HTTP interface. Cross-cutting behaviour (scope, rate, budget, read-only, scan tag,
 * recording) is added by decorators that take a `ScanTransport` and return one (`withScope(...)` etc.).
 */
export interface ScanTransport {
  send(request: ScanRequest): Promise<ScanResponse>;
}
