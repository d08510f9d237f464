import {
  type ApiEvent,
  type BodySample,
  isSecretName,
  REDACTED_TEXT,
  redactHeaders,
  redactUrl,
} from '@rampart/core';
import type { BodyCipher } from './create-body-cipher.js';

/** An event split into the indexed columns, the JSON of the rest, and its sealed body texts. */
export interface PreparedEvent {
  readonly id: string;
  readonly time: number;
  readonly origin: string;
  readonly method: string;
  /** The route template, or the path when no operation matched. */
  readonly route: string;
  readonly status: number;
  readonly clientIp: string;
  readonly subject: string | null;
  /** The event as JSON, with body sample texts removed. */
  readonly data: string;
  /** The body sample texts, encrypted; `null` when bodies are not stored or there are none. */
  readonly sealed: Buffer | null;
  readonly keyId: string | null;
}

/** The plaintext inside `PreparedEvent.sealed`. */
export interface SealedBodies {
  readonly request?: string;
  readonly response?: string;
}

/**
 * Makes an event ready to store. Producers redact at capture, but the store redacts again (headers, secret
 * query parameters) so that a buggy or hostile producer cannot write a credential to disk. Body texts are kept
 * only when `cipher` is given (bodies are stored only when configured), and then only encrypted.
 * Throws `TypeError` naming the field when a required field is missing or of the wrong type.
 */
export function prepareStoredEvent(event: ApiEvent, cipher: BodyCipher | undefined): PreparedEvent {
  checkEvent(event);
  const requestText = cipher ? event.requestBody?.text : undefined;
  const responseText = cipher ? event.responseBody?.text : undefined;
  const stored: ApiEvent = {
    ...event,
    rawPath: redactUrl(event.rawPath),
    requestHeaders: redactHeaders(event.requestHeaders ?? {}),
    responseHeaders: redactHeaders(event.responseHeaders ?? {}),
    ...(event.query ? { query: redactQuery(event.query) } : {}),
    ...(event.requestBody ? { requestBody: withoutText(event.requestBody) } : {}),
    ...(event.responseBody ? { responseBody: withoutText(event.responseBody) } : {}),
  };
  let sealed: Buffer | null = null;
  if (cipher && (requestText !== undefined || responseText !== undefined)) {
    const bodies: SealedBodies = {
      ...(requestText !== undefined ? { request: requestText } : {}),
      ...(responseText !== undefined ? { response: responseText } : {}),
    };
    sealed = cipher.encrypt(JSON.stringify(bodies), event.id);
  }
  return {
    id: event.id,
    time: event.time,
    origin: event.origin,
    method: event.method,
    route: event.route ?? event.path,
    status: event.status,
    clientIp: event.clientIp,
    subject: event.identity?.subject ?? null,
    data: JSON.stringify(stored),
    sealed,
    keyId: sealed ? (cipher?.keyId ?? null) : null,
  };
}

function withoutText(sample: BodySample): BodySample {
  const { text: _text, ...rest } = sample;
  return rest;
}

function redactQuery(
  query: Readonly<Record<string, string | readonly string[]>>,
): Record<string, string | readonly string[]> {
  const out: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(query)) out[name] = isSecretName(name) ? REDACTED_TEXT : value;
  return out;
}

function checkEvent(event: ApiEvent): void {
  const e = event as unknown as Record<string, unknown>;
  const wrong: string[] = [];
  for (const name of ['id', 'origin', 'method', 'path', 'rawPath', 'clientIp'] as const) {
    if (typeof e[name] !== 'string') wrong.push(`${name} must be a string, got ${typeof e[name]}`);
  }
  if (typeof e['id'] === 'string' && e['id'] === '') wrong.push('id must not be empty');
  if (typeof e['time'] !== 'number' || !Number.isFinite(e['time']))
    wrong.push('time must be epoch milliseconds');
  if (!Number.isInteger(e['status'])) wrong.push('status must be an integer');
  if (wrong.length > 0) {
    throw new TypeError(`event ${JSON.stringify(e['id'] ?? null)} cannot be stored: ${wrong.join('; ')}`);
  }
}
