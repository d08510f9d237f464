import type { IncomingMessage } from 'node:http';
import type { Denial } from './define-policy.js';

const CONTENT_LENGTH = /^\d+$/;

/**
 * Request smuggling and framing defences (RFC 9112 §6.3, §3.2; CWE-444) beyond what Node's parser already
 * refuses (conflicting `Content-Length` + `Transfer-Encoding`, repeated `Content-Length`, obsolete line folding,
 * invalid header names and values are rejected by llhttp before a request exists). Checked here, on the raw
 * header list, because Node silently keeps the first of repeated `Host` headers and accepts
 * `Transfer-Encoding` on HTTP/1.0:
 * - more than one `Host`, or none on HTTP/1.1 (400);
 * - `Content-Length` + `Transfer-Encoding` together, several `Content-Length`, a non-numeric one (400);
 * - `Transfer-Encoding` on an HTTP/1.0 request (400);
 * - `Transfer-Encoding` other than exactly `chunked` (400).
 */
export function checkRequestFraming(req: IncomingMessage): Denial | undefined {
  const raw = req.rawHeaders;
  let hosts = 0;
  let lengths = 0;
  let encodings = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    // Cheap pre-filter on length before the case-insensitive compare.
    if (name.length === 4 && name.toLowerCase() === 'host') hosts++;
    else if (name.length === 14 && name.toLowerCase() === 'content-length') {
      lengths++;
      if (!CONTENT_LENGTH.test(raw[i + 1] as string)) return bad('non-numeric Content-Length');
    } else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') encodings++;
  }
  if (hosts > 1) return bad('more than one Host header');
  if (hosts === 0 && req.httpVersionMinor >= 1) return bad('no Host header on an HTTP/1.1 request');
  if (lengths > 1) return bad('more than one Content-Length header');
  if (encodings > 0) {
    if (lengths > 0) return bad('both Content-Length and Transfer-Encoding');
    if (req.httpVersionMajor === 1 && req.httpVersionMinor === 0)
      return bad('Transfer-Encoding on an HTTP/1.0 request');
    if (encodings > 1 || req.headers['transfer-encoding']?.trim().toLowerCase() !== 'chunked')
      return bad('Transfer-Encoding other than "chunked"');
  }
  return undefined;
}

function bad(reason: string): Denial {
  return { status: 400, detail: 'The request is malformed.', reason };
}
