import { type HttpExchange, REDACTED_TEXT, redactHeaders, redactJson, redactUrl } from '@rampart/core';
import type { ScanResponse } from './scan-transport.js';

/** Compact JWS/JWT anywhere in text. */
const JWT_TEXT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
/** `Authorization: …`, `Cookie: …` lines echoed in text bodies (TRACE, debug pages). */
const CREDENTIAL_LINE = /^((?:proxy-)?authorization|cookie|set-cookie|x-api-key|api-key)(\s*:\s*)(.*)$/gim;

/**
 * Redacts a body for evidence: JSON bodies get every secret-named field replaced (core `redactJson`); any
 * body gets bearer tokens (JWTs) and echoed credential header lines replaced; the result is cut to `maxChars`.
 */
export function redactBody(body: string, maxChars: number): string {
  let text = body;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      text = JSON.stringify(redactJson(JSON.parse(body)));
    } catch {
      // not JSON after all: the text rules below still apply
    }
  }
  text = text.replace(JWT_TEXT, REDACTED_TEXT).replace(CREDENTIAL_LINE, `$1$2${REDACTED_TEXT}`);
  return text.length > maxChars
    ? `${text.slice(0, maxChars)}…[${text.length - maxChars} more characters]`
    : text;
}

/** A response (and the request that produced it) as a core `HttpExchange`, secrets redacted, bodies cut. */
export function toHttpExchange(response: ScanResponse, maxBodyChars = 4096): HttpExchange {
  const { request } = response;
  return {
    request: {
      method: request.method,
      url: redactUrl(request.url),
      headers: redactHeaders(request.headers ?? {}),
      ...(request.body === undefined ? {} : { body: redactBody(request.body, maxBodyChars) }),
    },
    response: {
      status: response.status,
      headers: redactHeaders(
        response.setCookies.length > 0
          ? { ...response.headers, 'set-cookie': response.setCookies }
          : response.headers,
      ),
      body: redactBody(response.body, maxBodyChars),
      durationMs: Math.round(response.durationMs),
    },
  };
}
