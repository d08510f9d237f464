import { redactJson } from '@rampart/core';
import type { ScanResponse } from '../transport/scan-transport.js';

const JWT_LIKE = /\bey[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g;
const SECRET_ASSIGNMENT =
  /((?:token|secret|password|passwd|session|api[-_]?key)[\w-]*["']?\s*[:=]\s*["']?)[^"'&\s,;}]+/gi;

/**
 * A short, one-line excerpt of a response body for error messages, with secrets redacted: values of
 * secret-named JSON fields, JWT-looking strings and `token=…`-like assignments in text become `[redacted]`.
 */
export function excerptResponseBody(response: Pick<ScanResponse, 'body'>, max = 160): string {
  let text = response.body;
  try {
    text = JSON.stringify(redactJson(JSON.parse(text)));
  } catch {
    text = text.replace(SECRET_ASSIGNMENT, '$1[redacted]');
  }
  text = text.replace(JWT_LIKE, '[redacted]').replace(/\s+/g, ' ').trim();
  if (text === '') return '(empty body)';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
