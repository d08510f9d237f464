import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  type ApiEvent,
  type AuthOutcome,
  type BodySample,
  isSecretName,
  RampartError,
  REDACTED_TEXT,
  redactHeaders,
  redactUrl,
} from '@rampart/core';
import {
  createImportReport,
  type EventImport,
  MAX_MALFORMED_SAMPLES,
  type MalformedInput,
  resetImportReport,
} from './event-import.js';
import { parseLogTime } from './parse-log-time.js';
import { redactBodyText } from './redact-body-text.js';

export interface ImportHarOptions {
  /** The events' origin: default `import:<file name>`. */
  readonly origin?: string;
  /** Keep body samples (redacted, at most `maxBodyBytes`); default `false`: sizes and types only. */
  readonly bodies?: boolean;
  /** Default 4,096. */
  readonly maxBodyBytes?: number;
  /** HAR files are recorded at the client and do not say its address: default `0.0.0.0` (unknown). */
  readonly clientIp?: string;
  /** HAR is one JSON document, read whole: larger files are refused. Default 512 MiB. */
  readonly maxFileBytes?: number;
  readonly onMalformed?: (malformed: MalformedInput) => void;
}

interface HarHeader {
  name?: unknown;
  value?: unknown;
}

/** The parts of a HAR 1.2 entry that are read; everything is checked, nothing is trusted. */
interface HarEntry {
  startedDateTime?: unknown;
  time?: unknown;
  request?: {
    method?: unknown;
    url?: unknown;
    headers?: unknown;
    bodySize?: unknown;
    postData?: { mimeType?: unknown; text?: unknown };
  } | null;
  response?: {
    status?: unknown;
    headers?: unknown;
    bodySize?: unknown;
    content?: { size?: unknown; mimeType?: unknown; text?: unknown; encoding?: unknown };
  } | null;
}

const TEXTUAL = /json|text\/|xml|x-www-form-urlencoded|graphql|javascript/i;

/**
 * Streams the events of a HAR 1.2 capture (browser developer tools, proxies). Credentials are redacted at
 * capture: `Authorization` (scheme kept), cookies, API-key headers, secret-named query parameters and body
 * fields; HAR's separate `cookies` arrays are not read at all. Timestamps keep their UTC offset. A malformed
 * entry is counted and reported by its 1-based entry number, never fatal. Throws `RAMPART_ERR_IMPORT_READ`
 * (while iterating) when the file cannot be read, is too large, or is not a HAR document.
 */
export function importHar(file: string, options: ImportHarOptions = {}): EventImport {
  const origin = options.origin ?? `import:${basename(file)}`;
  const maxBody = options.maxBodyBytes ?? 4096;
  const maxFile = options.maxFileBytes ?? 512 * 1024 * 1024;
  const report = createImportReport();

  async function* events(): AsyncGenerator<ApiEvent> {
    resetImportReport(report);
    const entries = await readEntries(file, maxFile);
    for (let i = 0; i < entries.length; i++) {
      report.lines += 1;
      const result = entryToEvent(entries[i], i + 1);
      if (typeof result === 'string') {
        report.malformed += 1;
        const m = { line: i + 1, reason: result };
        if (report.malformedSamples.length < MAX_MALFORMED_SAMPLES) report.malformedSamples.push(m);
        options.onMalformed?.(m);
        continue;
      }
      report.events += 1;
      yield result;
    }
  }

  function entryToEvent(entry: unknown, n: number): ApiEvent | string {
    if (entry === null || typeof entry !== 'object') return `entry ${n} is not an object`;
    const e = entry as HarEntry;
    const time = parseLogTime(e.startedDateTime);
    if (time === undefined)
      return `entry ${n}: startedDateTime ${JSON.stringify(e.startedDateTime)} is not ISO 8601`;
    const request = e.request;
    const response = e.response;
    if (request === null || typeof request !== 'object') return `entry ${n}: no request`;
    if (typeof request.method !== 'string' || typeof request.url !== 'string') {
      return `entry ${n}: request.method and request.url must be strings`;
    }
    const method = request.method;
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return `entry ${n}: request.url ${JSON.stringify(String(request.url).slice(0, 80))} is not an absolute URL`;
    }
    const status = Number(response?.status);
    if (!Number.isInteger(status) || status < 0 || status > 999)
      return `entry ${n}: response.status is not a number`;
    const requestHeaders = headerRecord(request.headers);
    const responseHeaders = headerRecord(response?.headers);
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of url.searchParams) {
      const v = isSecretName(name) ? REDACTED_TEXT : value;
      const prev = query[name];
      query[name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const requestText =
      typeof request.postData?.text === 'string' ? (request.postData.text as string) : undefined;
    const requestType = stringOr(request.postData?.mimeType, requestHeaders['content-type']);
    const requestSize = sizeOf(request.bodySize, requestText);
    const content = response?.content ?? {};
    const responseType = stringOr(content.mimeType, responseHeaders['content-type']);
    const responseText = decodeContent(content.text, content.encoding);
    const responseSize = sizeOf(response?.bodySize, responseText, content.size);
    const credential =
      requestHeaders['authorization'] !== undefined ||
      requestHeaders['x-api-key'] !== undefined ||
      requestHeaders['cookie'] !== undefined;
    const auth: AuthOutcome = credential
      ? status === 401
        ? 'invalid'
        : 'success'
      : status === 401
        ? 'missing'
        : 'none';
    const userAgent = requestHeaders['user-agent'];
    const latencyMs = Number(e.time);
    const requestBody =
      requestSize > 0 || requestText ? sample(requestText, requestType, requestSize) : undefined;
    const responseBody =
      responseSize > 0 || responseText ? sample(responseText, responseType, responseSize) : undefined;
    const id = createHash('sha256')
      .update(`${origin}\n${n}\n${String(e.startedDateTime)}\n${url.href}`)
      .digest('hex');
    return {
      id: id.slice(0, 32),
      time,
      origin,
      host: url.host,
      method: method.toUpperCase(),
      rawPath: redactUrl(`${url.pathname}${url.search}`),
      path: url.pathname,
      status,
      latencyMs: Number.isFinite(latencyMs) && latencyMs >= 0 ? latencyMs : 0,
      requestSize,
      responseSize,
      clientIp: options.clientIp ?? '0.0.0.0',
      ...(userAgent ? { userAgent } : {}),
      auth,
      verdict: 'observe',
      requestHeaders: redactHeaders(requestHeaders),
      responseHeaders: redactHeaders(responseHeaders),
      ...(url.search ? { query } : {}),
      ...(requestBody ? { requestBody } : {}),
      ...(responseBody ? { responseBody } : {}),
    };
  }

  function sample(text: string | undefined, contentType: string | undefined, size: number): BodySample {
    const base = { ...(contentType ? { contentType } : {}), size };
    if (!options.bodies || text === undefined || !TEXTUAL.test(contentType ?? ''))
      return { ...base, truncated: false };
    const bytes = Buffer.from(text, 'utf8');
    const cut = bytes.length > maxBody;
    const kept = (cut ? bytes.subarray(0, maxBody).toString('utf8') : text).replace(/\uFFFD+$/, '');
    return { ...base, text: redactBodyText(kept, contentType), truncated: cut };
  }

  return { report, [Symbol.asyncIterator]: () => events() };
}

async function readEntries(file: string, maxFile: number): Promise<unknown[]> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > maxFile) {
      throw new RampartError(
        'RAMPART_ERR_IMPORT_READ',
        `HAR file ${file} is ${size} bytes, over the ${maxFile}-byte limit`,
        {
          hint: 'raise maxFileBytes, or split the capture',
        },
      );
    }
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if (cause instanceof RampartError) throw cause;
    throw new RampartError(
      'RAMPART_ERR_IMPORT_READ',
      `HAR file ${file} could not be read: ${(cause as Error).message}`,
      {
        cause,
        hint: 'check the path and permissions',
      },
    );
  }
  let doc: { log?: { entries?: unknown } } | null;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new RampartError(
      'RAMPART_ERR_IMPORT_READ',
      `HAR file ${file} is not valid JSON: ${(cause as Error).message}`,
      {
        cause,
        hint: 'export the capture again ("Save all as HAR")',
      },
    );
  }
  const entries = doc?.log?.entries;
  if (!Array.isArray(entries)) {
    throw new RampartError('RAMPART_ERR_IMPORT_READ', `HAR file ${file} has no log.entries array`, {
      hint: 'a HAR document is {"log": {"version": "1.2", "entries": [...]}}',
    });
  }
  return entries;
}

/** HAR headers are a list of `{name, value}`; repeated names are joined, HTTP/2 pseudo-headers left out. */
function headerRecord(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(list)) return out;
  for (const h of list as HarHeader[]) {
    if (typeof h?.name !== 'string' || h.name.startsWith(':')) continue;
    const name = h.name.toLowerCase();
    const value = String(h.value ?? '');
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

function stringOr(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v !== '') return v;
  return undefined;
}

/** HAR sizes are -1 when unknown; fall back to the text's length or `content.size`. */
function sizeOf(bodySize: unknown, text: string | undefined, contentSize?: unknown): number {
  const declared = Number(bodySize);
  if (Number.isInteger(declared) && declared > 0) return declared;
  const content = Number(contentSize);
  if (Number.isInteger(content) && content > 0) return content;
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

function decodeContent(text: unknown, encoding: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  return encoding === 'base64' ? Buffer.from(text, 'base64').toString('utf8') : text;
}
