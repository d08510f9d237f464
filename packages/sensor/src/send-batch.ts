import { type Agent as HttpAgent, request as httpRequest } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ApiEvent, Secret } from '@rampart/core';

const gzipAsync = promisify(gzip);

/** How the collector answered one batch. */
export type SendResult =
  /** Stored; `rejected` events were refused as malformed (retrying them would not help). */
  | { readonly kind: 'accepted'; readonly rejected: number }
  /** Not stored, try again later: network failure, timeout, overload (429) or a server error. */
  | { readonly kind: 'retry'; readonly retryAfterMs?: number; readonly reason: string }
  /** Refused for good (bad token, batch too large, malformed): retrying the same batch would not help. */
  | { readonly kind: 'refused'; readonly status: number; readonly reason: string };

/**
 * Posts one batch to a collector as gzip-compressed JSON (`{"events": [...]}`) with the sensor's token as a
 * bearer credential, through the sensor's own agent (so that `close()` can end its connections), and
 * classifies the answer. Never throws.
 */
export async function sendBatch(
  url: URL,
  token: Secret,
  events: readonly ApiEvent[],
  signal: AbortSignal,
  agent: HttpAgent | HttpsAgent,
): Promise<SendResult> {
  let answer: { status: number; retryAfter: string | undefined; text: string };
  try {
    const body = await gzipAsync(JSON.stringify({ events }));
    answer = await post(url, body, token, signal, agent);
  } catch (error) {
    return { kind: 'retry', reason: `collector unreachable: ${(error as Error).message}` };
  }
  const { status, text } = answer;
  if (status === 200 || status === 207) {
    let rejected = 0;
    try {
      const parsed = JSON.parse(text) as { rejected?: unknown[] };
      rejected = Array.isArray(parsed.rejected) ? parsed.rejected.length : 0;
    } catch {
      rejected = 0;
    }
    return { kind: 'accepted', rejected };
  }
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(answer.retryAfter);
    return {
      kind: 'retry',
      reason: `collector answered ${status}`,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  return { kind: 'refused', status, reason: `collector answered ${status}: ${text.slice(0, 200)}` };
}

const MAX_ANSWER_BYTES = 1024 * 1024;

function post(
  url: URL,
  body: Buffer,
  token: Secret,
  signal: AbortSignal,
  agent: HttpAgent | HttpsAgent,
): Promise<{ status: number; retryAfter: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        agent,
        signal,
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': body.length,
          authorization: `Bearer ${token.reveal()}`,
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) parts.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            text: Buffer.concat(parts).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date. */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
