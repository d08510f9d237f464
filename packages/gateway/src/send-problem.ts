import { type OutgoingHttpHeaders, STATUS_CODES, type ServerResponse } from 'node:http';
import type { Denial } from './define-policy.js';

/**
 * Answers with an RFC 9457 problem (`application/problem+json`): `type`, `title`, `status`, the public `detail`
 * and `instance` = `urn:uuid:<correlation id>`. The denial's internal `reason` is never sent. `extra` are the
 * headers every response gets (policy headers, HSTS, `x-request-id`); `close` ends the connection afterwards
 * (used when an unread request body remains). Returns the body size; `record.responseHeaders`, when given, is set
 * to the headers sent (for the event).
 */
export function sendProblem(
  res: ServerResponse,
  denial: Denial,
  requestId: string,
  extra: readonly (readonly [string, string])[],
  close: boolean,
  record?: { responseHeaders: OutgoingHttpHeaders | undefined },
): number {
  const statusText = STATUS_CODES[denial.status] ?? 'Error';
  const problem: Record<string, unknown> = {
    type: 'about:blank',
    title: denial.title ?? statusText,
    status: denial.status,
  };
  if (denial.detail !== undefined) problem['detail'] = denial.detail;
  problem['instance'] = `urn:uuid:${requestId}`;
  if (denial.extensions)
    for (const name in denial.extensions) if (!(name in problem)) problem[name] = denial.extensions[name];
  const body = JSON.stringify(problem);
  const headers: Record<string, string> = {};
  for (const [name, value] of extra) headers[name] = value;
  if (denial.headers)
    for (const name in denial.headers) headers[name.toLowerCase()] = denial.headers[name] as string;
  headers['content-type'] = 'application/problem+json';
  headers['content-length'] = String(Buffer.byteLength(body));
  headers['cache-control'] = 'no-store';
  headers['x-content-type-options'] = 'nosniff';
  if (close) headers['connection'] = 'close';
  res.writeHead(denial.status, headers);
  if (record) record.responseHeaders = headers;
  res.end(res.req.method === 'HEAD' ? undefined : body);
  return res.req.method === 'HEAD' ? 0 : Buffer.byteLength(body);
}
