import type { StalledUpstreamAnswer } from './answer-stalled-upstream.js';

/** One request that reached the canary. */
export interface CanaryHit {
  /** Which listener it reached: `probe` (SSRF target) or `upstream` (malicious partner API). */
  readonly listener: 'probe' | 'upstream';
  /** Increasing number of the hit, for "what happened since" questions ({@link Canary.mark}). */
  readonly sequence: number;
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request body (first 64 KiB). */
  readonly body: string;
  /** The token in the path, when the path carried one of the canary's tokens. */
  readonly token?: string;
  /** Bytes of the answer the client actually read before it closed the connection (filled in when done). */
  bytesSent: number;
  readonly receivedAt: number;
}

/**
 * What the `upstream` listener answers. It plays the third-party API the target consumes, so the scan can
 * see what the target does with a hostile answer (OWASP API10).
 */
export type UpstreamAnswer =
  | { readonly kind: 'json'; readonly status?: number; readonly body: unknown }
  | { readonly kind: 'text'; readonly status?: number; readonly contentType: string; readonly body: string }
  /** A valid JSON object of about `bytes` bytes (padding inside a string), streamed in chunks. */
  | { readonly kind: 'oversized'; readonly bytes: number; readonly body: Readonly<Record<string, unknown>> }
  | { readonly kind: 'redirect'; readonly status?: number; readonly location: string }
  /** Headers at once, the body after `delayMs` (bounded to 10 s). */
  | { readonly kind: 'slow'; readonly delayMs: number; readonly body: unknown }
  /** Never completes: a drip of whitespace, or nothing, then the connection is cut (see the type). */
  | StalledUpstreamAnswer;

/**
 * The scan's own out-of-band listener, on 127.0.0.1 by default, with two origins:
 *
 * - `probe`: the SSRF target. URLs with a unique token per parameter and request are handed to the API; a hit
 *   carrying the token proves the API fetched it. It answers 200 with a body that quotes the token, so a
 *   response that echoes the fetched content can be recognised too.
 * - `upstream`: a malicious third-party API. Point the target's partner/provider URL at it (the way the
 *   vulnerable bank takes `canaryUrl`); it answers whatever {@link UpstreamAnswer} the running check set.
 *
 * The two are separate origins on purpose: an API that allowlists its partner (the upstream origin) must
 * still refuse the probe origin, so a probe hit is proof of SSRF even where the partner is configured.
 *
 * A listener on 127.0.0.1 can only be reached by targets on the same machine. For a remote target, expose
 * the listeners (a tunnel or a public host) and pass their public URLs (`publicProbeUrl`,
 * `publicUpstreamUrl`); the tokens and correlation work the same.
 */
export interface Canary {
  /** The origin (and base path) targets are told to call for SSRF probes. */
  readonly probeUrl: string;
  /** The origin (and base path) of the malicious upstream. */
  readonly upstreamUrl: string;
  /** Every origin the canary answers on (public and local), for the scope guard. */
  readonly origins: readonly string[];
  /** A new unique token (lower-case letters and digits) whose label helps reading logs. */
  token(label: string): string;
  /** `probeUrl/<token>`; with `path`, `probeUrl/<token>/<path>`. */
  probeFor(token: string, path?: string): string;
  /** `upstreamUrl/<token>`: the malicious upstream, recognisable by the token (a partner-origin webhook). */
  upstreamFor(token: string): string;
  /**
   * A URL that answers 302 to `location`, served by `via` (default `probe`). Served by `upstream`, it is the
   * allowlisted partner redirecting elsewhere: the case a partner allowlist alone does not cover.
   */
  redirectFor(token: string, location: string, via?: 'probe' | 'upstream'): string;
  /** The sequence number of the latest hit (0 when none): pass it to {@link hitsSince}. */
  mark(): number;
  /** Hits after `mark`, optionally only those carrying `token`. */
  hitsSince(mark: number, token?: string): CanaryHit[];
  /**
   * Waits up to `timeoutMs` for a hit carrying `token` (or any of several tokens); resolves at once when
   * there already is one.
   */
  waitFor(token: string | readonly string[], timeoutMs: number): Promise<CanaryHit | undefined>;
  /** Sets what `upstream` answers from now on (default: `{ kind: 'json', body: {} }`). */
  answerUpstream(answer: UpstreamAnswer): void;
  /** Stops both listeners and drops open connections. */
  close(): Promise<void>;
}
