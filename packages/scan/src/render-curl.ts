import type { HttpExchange } from '@rampart/core';

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A `curl` command that reproduces an exchange's request. It is built from the redacted exchange, so secrets
 * appear as `[redacted]` and the user substitutes their own; the scan-tag header is kept.
 */
export function renderCurl(exchange: HttpExchange): string {
  const { request } = exchange;
  const parts = ['curl', '-i', '-X', request.method];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'content-length' || name === 'host') continue;
    parts.push('-H', quote(`${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push('--data-raw', quote(request.body));
  parts.push(quote(request.url));
  return parts.join(' ');
}
