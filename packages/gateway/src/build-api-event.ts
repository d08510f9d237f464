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
import type { UrlRedactor } from './create-url-redactor.js';

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
 * in `rawPath`. `redact` redacts the headers (default: core's `redactHeaders`) and `redactTarget` the request
 * target (default: core's `redactUrl`); the gateway passes `createHeaderRedactor()` and `createUrlRedactor()`,
 * which give the same results faster. Built property by property (no object spreads): it runs once per request.
 */
export function buildApiEvent(
  input: ApiEventInput,
  redact: HeaderRedactor = redactAny,
  redactTarget: UrlRedactor = redactUrl,
): ApiEvent {
  const requestHeaders = input.requestHeaders;
  const host = requestHeaders.host;
  const userAgent = requestHeaders['user-agent'];
  // The same keys in the same order as the event type lists them; optional ones only when present.
  const event: Record<string, unknown> = { id: input.id, time: input.time, origin: 'gateway' };
  if (host !== undefined) event['host'] = host;
  event['method'] = input.method;
  event['rawPath'] = redactTarget(input.rawUrl);
  event['path'] = input.path;
  if (input.route !== undefined) event['route'] = input.route;
  if (input.operationId !== undefined) event['operationId'] = input.operationId;
  event['status'] = input.status;
  event['latencyMs'] = input.latencyMs;
  event['requestSize'] = input.requestSize;
  event['responseSize'] = input.responseSize;
  event['clientIp'] = input.clientIp;
  if (userAgent !== undefined) event['userAgent'] = userAgent;
  if (input.identity !== undefined) event['identity'] = input.identity;
  event['auth'] = input.auth;
  event['verdict'] = input.verdict;
  if (input.deniedBy !== undefined) event['deniedBy'] = input.deniedBy;
  event['requestHeaders'] = redact(requestHeaders);
  event['responseHeaders'] = redact(input.responseHeaders as HeadersToRedact);
  return event as unknown as ApiEvent;
}

function redactAny(headers: HeadersToRedact): Record<string, string> {
  const strings: Record<string, string | readonly string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) strings[name] = typeof value === 'number' ? String(value) : value;
  }
  return redactHeaders(strings);
}
