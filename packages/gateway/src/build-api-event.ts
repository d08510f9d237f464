import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import {
  type ApiEvent,
  type AuthOutcome,
  type Identity,
  type PolicyVerdict,
  redactHeaders,
  redactUrl,
} from '@rampart/core';
import type { HeaderRedactor, HeadersToRedact } from './create-header-redactor.js';

/** What the gateway knows about a finished request. */
export interface ApiEventInput {
  readonly id: string;
  readonly time: number;
  readonly method: string;
  readonly rawUrl: string;
  readonly path: string;
  readonly route: string | undefined;
  readonly operationId: string | undefined;
  readonly status: number;
  readonly latencyMs: number;
  readonly requestSize: number;
  readonly responseSize: number;
  readonly clientIp: string;
  readonly identity: Identity | undefined;
  readonly auth: AuthOutcome;
  readonly verdict: PolicyVerdict;
  readonly deniedBy: { readonly policy: string; readonly reason: string } | undefined;
  readonly requestHeaders: IncomingHttpHeaders;
  readonly responseHeaders: OutgoingHttpHeaders;
}

/**
 * The `ApiEvent` for one request. Redaction happens here, at capture: credential headers keep only their scheme
 * (`Bearer [redacted]`), cookies and API keys become `[redacted]`, secret-named query parameters are redacted
 * in `rawPath`. `redact` redacts the headers (default: core's `redactHeaders`; the gateway passes a
 * `createHeaderRedactor()` that gives the same result faster).
 */
export function buildApiEvent(input: ApiEventInput, redact: HeaderRedactor = redactAny): ApiEvent {
  const host = input.requestHeaders.host;
  const userAgent = input.requestHeaders['user-agent'];
  return {
    id: input.id,
    time: input.time,
    origin: 'gateway',
    ...(host !== undefined ? { host } : {}),
    method: input.method,
    rawPath: redactUrl(input.rawUrl),
    path: input.path,
    ...(input.route !== undefined ? { route: input.route } : {}),
    ...(input.operationId !== undefined ? { operationId: input.operationId } : {}),
    status: input.status,
    latencyMs: input.latencyMs,
    requestSize: input.requestSize,
    responseSize: input.responseSize,
    clientIp: input.clientIp,
    ...(userAgent !== undefined ? { userAgent } : {}),
    ...(input.identity !== undefined ? { identity: input.identity } : {}),
    auth: input.auth,
    verdict: input.verdict,
    ...(input.deniedBy !== undefined ? { deniedBy: input.deniedBy } : {}),
    requestHeaders: redact(input.requestHeaders),
    responseHeaders: redact(input.responseHeaders as HeadersToRedact),
  };
}

function redactAny(headers: HeadersToRedact): Record<string, string> {
  const strings: Record<string, string | readonly string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) strings[name] = typeof value === 'number' ? String(value) : value;
  }
  return redactHeaders(strings);
}
