import type { AccessRecord } from './access-record-to-event.js';
import { parseLogTime } from './parse-log-time.js';
import { parseRequestLine } from './parse-request-line.js';

/** Field names used by nginx `log_format … escape=json` setups and Envoy's `json_format`, in order of preference. */
const FIELDS = {
  time: ['time_iso8601', '@timestamp', 'timestamp', 'time', 'start_time', 'time_local', 'msec'],
  method: ['request_method', 'method'],
  target: ['request_uri', 'path', 'url', 'uri'],
  status: ['status', 'response_code', 'status_code'],
  client: ['remote_addr', 'client_ip', 'downstream_remote_address', 'client'],
  forwardedFor: ['http_x_forwarded_for', 'x_forwarded_for', 'x-forwarded-for'],
  responseSize: ['body_bytes_sent', 'bytes_sent', 'response_size'],
  requestSize: ['request_length', 'bytes_received', 'request_size'],
  userAgent: ['http_user_agent', 'user_agent', 'user-agent'],
  referer: ['http_referer', 'referer'],
  host: ['host', 'http_host', 'authority', 'server_name'],
  requestId: ['request_id', 'x_request_id', 'x-request-id'],
} as const;

/**
 * Parses one JSON access log line (nginx JSON formats, Envoy `json_format`). Values may be strings or numbers;
 * `-` and empty mean absent. Latency is `request_time` (seconds, nginx) or `duration` (ms, Envoy).
 */
export function parseJsonAccessLog(line: string): AccessRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const o = value as Record<string, unknown>;
  const pick = (names: readonly string[]): string | undefined => {
    for (const name of names) {
      const v = o[name];
      if ((typeof v === 'string' && v !== '' && v !== '-') || typeof v === 'number') return String(v);
    }
    return undefined;
  };
  const rawTime = FIELDS.time.map((n) => o[n]).find((v) => v !== undefined && v !== '' && v !== '-');
  if (rawTime === undefined) return `no timestamp (one of ${FIELDS.time.join(', ')})`;
  const time = parseLogTime(rawTime);
  if (time === undefined) return `timestamp ${JSON.stringify(rawTime)} is not ISO 8601, CLF or epoch`;

  let method = pick(FIELDS.method);
  let target = pick(FIELDS.target);
  const requestLine = pick(['request']);
  if ((method === undefined || target === undefined) && requestLine !== undefined) {
    const parsed = parseRequestLine(requestLine);
    if (!parsed) return `request line "${requestLine.slice(0, 80)}" is not METHOD TARGET HTTP/x`;
    method ??= parsed.method;
    target ??= parsed.target;
  }
  if (method === undefined) return `no method (request_method, method or request)`;
  if (target === undefined) return `no request target (request_uri, path, url, uri or request)`;
  if (o['uri'] !== undefined && target === o['uri'] && typeof o['args'] === 'string' && o['args'] !== '') {
    target = `${target}?${o['args']}`;
  }
  const status = Number(pick(FIELDS.status));
  if (!Number.isInteger(status) || status < 0 || status > 999)
    return `status ${pick(FIELDS.status)} is not a number`;

  const client = pick(FIELDS.client) ?? pick(FIELDS.forwardedFor)?.split(',')[0]?.trim();
  const requestTime = Number(pick(['request_time']));
  const duration = Number(pick(['duration', 'latency_ms']));
  const latencyMs = Number.isFinite(requestTime)
    ? requestTime * 1000
    : Number.isFinite(duration)
      ? duration
      : undefined;
  const requestSize = Number(pick(FIELDS.requestSize));
  const userAgent = pick(FIELDS.userAgent);
  const referer = pick(FIELDS.referer);
  const host = pick(FIELDS.host);
  const requestId = pick(FIELDS.requestId);
  return {
    time,
    method: method.toUpperCase(),
    target,
    status,
    clientIp: client ? stripPort(client) : '0.0.0.0',
    responseSize: Number(pick(FIELDS.responseSize)) || 0,
    ...(Number.isFinite(requestSize) ? { requestSize } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(userAgent ? { userAgent } : {}),
    ...(referer ? { referer } : {}),
    ...(host ? { host } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** `10.0.0.1:5123` → `10.0.0.1`, `[2001:db8::1]:443` → `2001:db8::1`; bare addresses unchanged. */
export function stripPort(address: string): string {
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracket) return bracket[1] as string;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  return v4 ? (v4[1] as string) : address;
}
