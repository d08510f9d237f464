import type { AccessRecord } from './access-record-to-event.js';
import { parseClfTime } from './parse-log-time.js';
import { parseRequestLine } from './parse-request-line.js';

const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;
/**
 * `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"
 * "$http_user_agent"`, the referer and agent optional (the `common` format), then anything (custom additions).
 */
const COMBINED = new RegExp(
  String.raw`^(\S+) \S+ (.+?) \[([^\]]+)\] ${QUOTED} (\d{3}) (\d+|-)(?: ${QUOTED} ${QUOTED})?(.*)$`,
);
/** Common additions after the combined fields: `rt=0.123` / `request_time=…` or a bare seconds value first. */
const LATENCY = /(?:^|\s)(?:rt|request_time)=(\d+(?:\.\d+)?)|^\s+(\d+\.\d{3})(?:\s|$)/;
const REQUEST_LENGTH = /(?:^|\s)(?:rl|request_length)=(\d+)/;

/**
 * Parses one line of nginx's `combined` (or `common`) log format, undoing nginx's `\xHH` escapes. Returns the
 * record, or a reason it is not one.
 */
export function parseNginxCombined(line: string): AccessRecord | string {
  const m = COMBINED.exec(line);
  if (!m) return 'not in nginx combined format';
  const time = parseClfTime(m[3] as string);
  if (time === undefined) return `timestamp "${m[3]}" is not in the form 10/Oct/2000:13:55:36 -0700`;
  const request = parseRequestLine(unescapeNginx(m[4] as string));
  if (!request) return `request line "${(m[4] as string).slice(0, 80)}" is not METHOD TARGET HTTP/x`;
  const extra = m[9] ?? '';
  const latency = LATENCY.exec(extra);
  const latencySeconds = latency ? Number(latency[1] ?? latency[2]) : undefined;
  const requestLength = REQUEST_LENGTH.exec(extra);
  const referer = m[7] === undefined ? undefined : unescapeNginx(m[7]);
  const userAgent = m[8] === undefined ? undefined : unescapeNginx(m[8]);
  return {
    time,
    method: request.method,
    target: request.target,
    status: Number(m[5]),
    clientIp: m[1] as string,
    responseSize: m[6] === '-' ? 0 : Number(m[6]),
    ...(requestLength ? { requestSize: Number(requestLength[1]) } : {}),
    ...(latencySeconds !== undefined ? { latencyMs: latencySeconds * 1000 } : {}),
    ...(referer && referer !== '-' ? { referer } : {}),
    ...(userAgent && userAgent !== '-' ? { userAgent } : {}),
  };
}

/** nginx writes `"` as `\x22`, `\` as `\x5C` and non-printable bytes as `\xHH`; decode them as UTF-8 bytes. */
export function unescapeNginx(text: string): string {
  if (!text.includes('\\')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 && text[i + 1] === 'x' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 2, i + 4))) {
      bytes.push(Number.parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (c === 92 && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      bytes.push(text.charCodeAt(i + 1));
      i += 1;
    } else {
      const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      for (const b of Buffer.from(text.slice(i, i + width), 'utf8')) bytes.push(b);
      i += width - 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
