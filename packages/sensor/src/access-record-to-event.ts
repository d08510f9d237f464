import { createHash } from 'node:crypto';
import { type ApiEvent, isSecretName, REDACTED_TEXT, redactHeaders, redactUrl } from '@rampart/core';

/** One request as an access log line describes it, before it becomes an `ApiEvent`. */
export interface AccessRecord {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly method: string;
  /** The request target as logged: origin-form (`/a?b=c`) or absolute-form (`http://host/a`). */
  readonly target: string;
  readonly status: number;
  readonly clientIp: string;
  readonly responseSize: number;
  readonly requestSize?: number;
  readonly latencyMs?: number;
  readonly userAgent?: string;
  readonly referer?: string;
  readonly host?: string;
  readonly requestId?: string;
}

const MAX_QUERY_PARAMS = 100;

/**
 * Turns an access record into an event. The id is derived from the origin, line number and line, so importing
 * the same file twice stores each call once. Logs say nothing of credentials, so `auth` is `none`, except a 401
 * (`invalid`: the server refused what was, or was not, sent); secrets in the query string and referer are
 * redacted; `latencyMs` is 0 when the log has no timing.
 */
export function accessRecordToEvent(
  record: AccessRecord,
  origin: string,
  lineNumber: number,
  line: string,
): ApiEvent {
  let host = record.host;
  let target = record.target;
  if (/^https?:\/\//i.test(target)) {
    try {
      const url = new URL(target);
      host ??= url.host;
      target = `${url.pathname}${url.search}`;
    } catch {
      // keep the target as logged
    }
  }
  const q = target.indexOf('?');
  let path = q < 0 ? target : target.slice(0, q);
  try {
    path = new URL(path, 'http://import.invalid').pathname;
  } catch {
    // keep the raw path
  }
  const headers: Record<string, string> = {};
  if (record.userAgent) headers['user-agent'] = record.userAgent;
  if (record.referer) headers['referer'] = redactUrl(record.referer);
  if (host) headers['host'] = host;
  if (record.requestId) headers['x-request-id'] = record.requestId;
  const id = createHash('sha256').update(`${origin}\n${lineNumber}\n${line}`).digest('hex').slice(0, 32);
  return {
    id,
    time: record.time,
    origin,
    ...(host ? { host } : {}),
    method: record.method.toUpperCase(),
    rawPath: redactUrl(target),
    path,
    status: record.status,
    latencyMs: record.latencyMs ?? 0,
    requestSize: record.requestSize ?? 0,
    responseSize: record.responseSize,
    clientIp: record.clientIp,
    ...(record.userAgent ? { userAgent: record.userAgent } : {}),
    auth: record.status === 401 ? 'invalid' : 'none',
    verdict: 'observe',
    requestHeaders: redactHeaders(headers),
    responseHeaders: {},
    ...(q >= 0 ? { query: parseQuery(target.slice(q + 1)) } : {}),
  };
}

function parseQuery(search: string): Record<string, string | readonly string[]> {
  const query: Record<string, string | string[]> = {};
  let n = 0;
  for (const [name, value] of new URLSearchParams(search)) {
    if (++n > MAX_QUERY_PARAMS) break;
    const v = isSecretName(name) ? REDACTED_TEXT : value;
    const prev = query[name];
    query[name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return query;
}
