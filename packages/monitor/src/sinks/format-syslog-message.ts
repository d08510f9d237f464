import type { Severity } from '@rampart/core';

/** RFC 5424 severity for each Rampart severity: critical → crit (2) … info → informational (6). */
const SYSLOG_SEVERITY: Record<Severity, number> = { critical: 2, high: 3, medium: 4, low: 5, info: 6 };

export interface SyslogHeader {
  /** Facility number 0-23. Default 16 (local0). */
  readonly facility?: number;
  readonly severity: Severity;
  /** Epoch ms. */
  readonly time: number;
  readonly hostname: string;
  readonly appName?: string;
  readonly procId?: string;
  readonly msgId?: string;
}

/**
 * One RFC 5424 syslog message: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG` with no structured data
 * (`-`). Header fields are PRINTUSASCII without spaces, cut to their RFC lengths (255/48/128/32), `-` when empty.
 */
export function formatSyslogMessage(header: SyslogHeader, message: string): string {
  const facility = header.facility ?? 16;
  if (!Number.isInteger(facility) || facility < 0 || facility > 23) {
    throw new TypeError(`syslog facility must be an integer 0-23, got ${String(facility)}`);
  }
  const pri = facility * 8 + SYSLOG_SEVERITY[header.severity];
  return [
    `<${pri}>1`,
    new Date(header.time).toISOString(),
    field(header.hostname, 255),
    field(header.appName ?? 'rampart', 48),
    field(header.procId ?? String(process.pid), 128),
    field(header.msgId ?? 'alert', 32),
    '-',
    message,
  ].join(' ');
}

function field(value: string, max: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return clean === '' ? '-' : clean;
}
