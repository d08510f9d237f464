import type { ApiEvent, AuthMethod, AuthOutcome, BodySample, Identity, PolicyVerdict } from '@rampart/core';

/** The outcome of checking one untrusted event: a clean copy, or the first reason it was refused. */
export type EventValidation =
  | { readonly ok: true; readonly event: ApiEvent }
  | { readonly ok: false; readonly reason: string };

const AUTH_OUTCOMES: ReadonlySet<AuthOutcome> = new Set([
  'none',
  'success',
  'missing',
  'invalid',
  'expired',
  'error',
]);
const VERDICTS: ReadonlySet<PolicyVerdict> = new Set(['allow', 'deny', 'observe']);
const AUTH_METHODS: ReadonlySet<AuthMethod> = new Set([
  'jwt',
  'introspection',
  'api-key',
  'mtls',
  'basic',
  'cookie',
  'none',
]);
const METHOD = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
const MAX_TEXT = 8192;
const MAX_BODY_TEXT = 64 * 1024;
const MAX_HEADERS = 200;
const MAX_FUTURE_MS = 24 * 3600_000;

class Invalid extends Error {}

/**
 * Checks an event that arrived from outside (a sensor's batch) against the `ApiEvent` shape and sane bounds,
 * and returns a copy that holds only the known fields (anything else is dropped, not stored). Never throws.
 */
export function validateApiEvent(value: unknown, now = Date.now()): EventValidation {
  try {
    return { ok: true, event: toEvent(value, now) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: error.message };
    return { ok: false, reason: `unreadable event: ${(error as Error).message}` };
  }
}

function toEvent(value: unknown, now: number): ApiEvent {
  const e = object(value, 'event');
  const time = number(e['time'], 'time', 0);
  if (time > now + MAX_FUTURE_MS) throw new Invalid(`time ${time} is more than a day in the future`);
  const method = text(e['method'], 'method', 32);
  if (!METHOD.test(method)) throw new Invalid(`method ${JSON.stringify(method)} is not an HTTP method token`);
  const status = number(e['status'], 'status', 0);
  if (!Number.isInteger(status) || status > 999)
    throw new Invalid(`status ${status} is not an integer from 0 to 999`);
  const auth = text(e['auth'], 'auth', 16) as AuthOutcome;
  if (!AUTH_OUTCOMES.has(auth))
    throw new Invalid(`auth ${JSON.stringify(auth)} is not one of ${[...AUTH_OUTCOMES].join(', ')}`);
  const verdict = text(e['verdict'], 'verdict', 16) as PolicyVerdict;
  if (!VERDICTS.has(verdict))
    throw new Invalid(`verdict ${JSON.stringify(verdict)} is not allow, deny or observe`);
  const id = text(e['id'], 'id', 128);
  if (id === '') throw new Invalid('id is empty');
  const opt = <T>(name: string, read: (v: unknown, n: string) => T): Record<string, T> =>
    e[name] === undefined || e[name] === null ? {} : { [name]: read(e[name], name) };
  return {
    id,
    time,
    origin: text(e['origin'] ?? 'sensor', 'origin', 256),
    ...opt('host', (v, n) => text(v, n, 256)),
    method: method.toUpperCase(),
    rawPath: text(e['rawPath'], 'rawPath', MAX_TEXT),
    path: text(e['path'], 'path', MAX_TEXT),
    ...opt('route', (v, n) => text(v, n, MAX_TEXT)),
    ...opt('operationId', (v, n) => text(v, n, 256)),
    status,
    latencyMs: number(e['latencyMs'], 'latencyMs', 0),
    requestSize: number(e['requestSize'], 'requestSize', 0),
    responseSize: number(e['responseSize'], 'responseSize', 0),
    clientIp: text(e['clientIp'], 'clientIp', 64),
    ...opt('userAgent', (v, n) => text(v, n, MAX_TEXT)),
    ...opt('identity', identity),
    auth,
    verdict,
    ...opt('deniedBy', (v, n) => {
      const d = object(v, n);
      return {
        policy: text(d['policy'], `${n}.policy`, 128),
        reason: text(d['reason'], `${n}.reason`, 1024),
      };
    }),
    requestHeaders: headers(e['requestHeaders'] ?? {}, 'requestHeaders'),
    responseHeaders: headers(e['responseHeaders'] ?? {}, 'responseHeaders'),
    ...opt('query', query),
    ...opt('requestBody', body),
    ...opt('responseBody', body),
    ...opt('dataClasses', (v, n) => list(v, n).map((c, i) => text(c, `${n}[${i}]`, 64))),
  } as ApiEvent;
}

function object(v: unknown, name: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Invalid(`${name} must be an object`);
  return v as Record<string, unknown>;
}

function list(v: unknown, name: string): unknown[] {
  if (!Array.isArray(v)) throw new Invalid(`${name} must be an array`);
  if (v.length > MAX_HEADERS) throw new Invalid(`${name} has ${v.length} items, more than ${MAX_HEADERS}`);
  return v;
}

function text(v: unknown, name: string, max: number): string {
  if (typeof v !== 'string')
    throw new Invalid(`${name} must be a string, got ${v === null ? 'null' : typeof v}`);
  if (v.length > max) throw new Invalid(`${name} is ${v.length} characters, longer than ${max}`);
  return v;
}

function number(v: unknown, name: string, min: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Invalid(`${name} must be a finite number`);
  if (v < min) throw new Invalid(`${name} must be at least ${min}, got ${v}`);
  return v;
}

function headers(v: unknown, name: string): Record<string, string> {
  const o = object(v, name);
  const entries = Object.entries(o);
  if (entries.length > MAX_HEADERS)
    throw new Invalid(`${name} has ${entries.length} headers, more than ${MAX_HEADERS}`);
  const out: Record<string, string> = {};
  for (const [k, value] of entries) out[k.toLowerCase()] = text(value, `${name}.${k}`, MAX_TEXT);
  return out;
}

function query(v: unknown, name: string): Record<string, string | readonly string[]> {
  const o = object(v, name);
  const out: Record<string, string | readonly string[]> = {};
  const entries = Object.entries(o);
  if (entries.length > MAX_HEADERS)
    throw new Invalid(`${name} has ${entries.length} parameters, more than ${MAX_HEADERS}`);
  for (const [k, value] of entries) {
    out[k] = Array.isArray(value)
      ? list(value, `${name}.${k}`).map((x, i) => text(x, `${name}.${k}[${i}]`, MAX_TEXT))
      : text(value, `${name}.${k}`, MAX_TEXT);
  }
  return out;
}

function body(v: unknown, name: string): BodySample {
  const o = object(v, name);
  if (typeof o['truncated'] !== 'boolean') throw new Invalid(`${name}.truncated must be a boolean`);
  return {
    truncated: o['truncated'],
    size: number(o['size'], `${name}.size`, 0),
    ...(o['contentType'] === undefined
      ? {}
      : { contentType: text(o['contentType'], `${name}.contentType`, 256) }),
    ...(o['text'] === undefined ? {} : { text: text(o['text'], `${name}.text`, MAX_BODY_TEXT) }),
  };
}

function identity(v: unknown, name: string): Identity {
  const o = object(v, name);
  const method = text(o['method'], `${name}.method`, 32) as AuthMethod;
  if (!AUTH_METHODS.has(method))
    throw new Invalid(`${name}.method ${JSON.stringify(method)} is not an auth method`);
  const strings = (key: string) =>
    o[key] === undefined
      ? {}
      : { [key]: list(o[key], `${name}.${key}`).map((x, i) => text(x, `${name}.${key}[${i}]`, 256)) };
  const str = (key: string) => (o[key] === undefined ? {} : { [key]: text(o[key], `${name}.${key}`, 512) });
  return {
    subject: text(o['subject'], `${name}.subject`, 512),
    method,
    ...str('tenant'),
    ...str('issuer'),
    ...str('credentialFingerprint'),
    ...strings('roles'),
    ...strings('scopes'),
  };
}
