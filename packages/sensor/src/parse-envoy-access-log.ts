import type { AccessRecord } from './access-record-to-event.js';
import { stripPort } from './parse-json-access-log.js';
import { parseLogTime } from './parse-log-time.js';
import { parseRequestLine } from './parse-request-line.js';

/** `[…]`, `"…"` or a bare word. Envoy does not escape quotes inside quoted values. */
const TOKEN = /\[([^\]]*)\]|"([^"]*)"|(\S+)/g;

/**
 * Parses one line of Envoy's default text access log format:
 * `[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 * "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"`,
 * and of Istio's longer default, which adds `%RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
 * "%UPSTREAM_TRANSPORT_FAILURE_REASON%"` after the flags and `… %DOWNSTREAM_REMOTE_ADDRESS% …` at the end.
 * The client is the downstream remote address when logged, else the first `X-Forwarded-For` hop.
 */
export function parseEnvoyAccessLog(line: string): AccessRecord | string {
  const tokens: string[] = [];
  for (const m of line.matchAll(TOKEN)) tokens.push(m[1] ?? m[2] ?? m[3] ?? '');
  if (tokens.length < 12)
    return `not in Envoy's default format (${tokens.length} fields, expected at least 12)`;
  const time = parseLogTime(tokens[0]);
  if (time === undefined) return `start time "${tokens[0]}" is not ISO 8601`;
  const request = parseRequestLine(tokens[1] as string);
  if (!request) return `request "${(tokens[1] as string).slice(0, 80)}" is not METHOD PATH PROTOCOL`;
  const status = Number(tokens[2]);
  if (!Number.isInteger(status)) return `response code "${tokens[2]}" is not a number`;
  // Envoy's default has BYTES_RECEIVED (a number) right after the flags; Istio's has details words there.
  const istio = !/^\d+$/.test(tokens[4] as string);
  const at = istio ? 7 : 4;
  if (istio && tokens.length < 20)
    return `not in Istio's format (${tokens.length} fields, expected at least 20)`;
  const value = (i: number) => {
    const v = tokens[i];
    return v === undefined || v === '-' || v === '' ? undefined : v;
  };
  const forwarded = value(at + 4)
    ?.split(',')[0]
    ?.trim();
  const downstream = istio ? value(19) : undefined;
  const userAgent = value(at + 5);
  const requestId = value(at + 6);
  const host = value(at + 7);
  return {
    time,
    method: request.method,
    target: request.target,
    status,
    clientIp: downstream ? stripPort(downstream) : forwarded ? stripPort(forwarded) : '0.0.0.0',
    requestSize: Number(value(at)) || 0,
    responseSize: Number(value(at + 1)) || 0,
    latencyMs: Number(value(at + 2)) || 0,
    ...(userAgent ? { userAgent } : {}),
    ...(requestId ? { requestId } : {}),
    ...(host ? { host } : {}),
  };
}
