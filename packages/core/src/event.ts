import type { Identity } from './identity.js';

/** How authentication of one call ended. */
export type AuthOutcome = 'none' | 'success' | 'missing' | 'invalid' | 'expired' | 'error';

/** What the gateway (or a sensor's policy) decided about one call. */
export type PolicyVerdict = 'allow' | 'deny' | 'observe';

/** A truncated, classified sample of a request or response body. */
export interface BodySample {
  readonly contentType?: string;
  /** The first bytes of the body as text, after redaction; absent when capture is off. */
  readonly text?: string;
  /** True when `text` is shorter than the body. */
  readonly truncated: boolean;
  /** Size of the whole body in bytes. */
  readonly size: number;
}

/**
 * One API call as the gateway, a sensor or an imported log saw it. Headers and bodies are redacted at the
 * point of capture: authorization, cookies, tokens, passwords and API keys never reach an event.
 */
export interface ApiEvent {
  /** Unique id (also the correlation id returned to the client). */
  readonly id: string;
  /** Epoch milliseconds when the request arrived. */
  readonly time: number;
  /** Who captured it: `gateway`, `sensor:<name>`, `import:<file>`. */
  readonly origin: string;
  /** The API host the call was for, e.g. `api.example.com`. */
  readonly host?: string;
  readonly method: string;
  /** The raw request path with query, as received (before normalization). */
  readonly rawPath: string;
  /** The path after normalization, without query. */
  readonly path: string;
  /** The matched operation's templated path, e.g. `/users/{id}`, when one matched. */
  readonly route?: string;
  readonly operationId?: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly requestSize: number;
  readonly responseSize: number;
  /** Client address after trusted-proxy resolution. */
  readonly clientIp: string;
  readonly userAgent?: string;
  readonly identity?: Identity;
  readonly auth: AuthOutcome;
  readonly verdict: PolicyVerdict;
  /** The policy that denied the call, with its reason, when `verdict` is `deny`. */
  readonly deniedBy?: { readonly policy: string; readonly reason: string };
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly requestBody?: BodySample;
  readonly responseBody?: BodySample;
  /** Sensitive data classes found in the request or response (e.g. `email`, `payment-card`). */
  readonly dataClasses?: readonly string[];
  /**
   * Where each of `dataClasses` was found, set by the classifier where the event was captured or collected, so
   * that it outlives body samples the store does not keep: `location` is `path`, `query`, `request-header`,
   * `request-body`, `response-header` or `response-body`; `pointer` a JSON pointer into a JSON body
   * (`/customer/email`), `/<name>` of a parameter or header, `/<index>` of a path segment, `''` for a text body.
   */
  readonly dataLocations?: readonly {
    readonly class: string;
    readonly location: string;
    readonly pointer: string;
  }[];
}
