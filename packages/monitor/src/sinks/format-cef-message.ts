import type { Alert, Severity } from '@rampart/core';
import type { AlertChange } from './alert-sink.js';

/** CEF severity (0-10) for each Rampart severity. */
const CEF_SEVERITY: Record<Severity, number> = { info: 1, low: 3, medium: 5, high: 8, critical: 10 };

export interface CefProduct {
  readonly vendor: string;
  readonly product: string;
  readonly version: string;
}

const DEFAULT_PRODUCT: CefProduct = { vendor: 'Rampart', product: 'Rampart Monitor', version: '0.1.0' };

/**
 * An alert as an ArcSight Common Event Format line:
 * `CEF:0|Vendor|Product|Version|<detector>|<title>|<0-10>|<extensions>`. Header fields escape `\` and `|`;
 * extension values escape `\`, `=` and line breaks (`\n`, `\r`), as the CEF specification requires, so attacker
 * text in a summary cannot forge fields. Times are epoch milliseconds (`rt`, `start`, `end`).
 */
export function formatCefMessage(
  alert: Alert,
  change: AlertChange,
  product: CefProduct = DEFAULT_PRODUCT,
): string {
  const header = [
    'CEF:0',
    escapeHeader(product.vendor),
    escapeHeader(product.product),
    escapeHeader(product.version),
    escapeHeader(alert.detector),
    escapeHeader(alert.title),
    String(CEF_SEVERITY[alert.severity]),
  ].join('|');
  const summary = typeof alert.details?.['summary'] === 'string' ? alert.details['summary'] : alert.title;
  const extensions: [string, string | number | undefined][] = [
    ['rt', alert.lastSeen],
    ['start', alert.firstSeen],
    ['end', alert.lastSeen],
    ['cnt', alert.count],
    ['src', alert.actor.kind === 'ip' ? alert.actor.value : undefined],
    ['suser', alert.actor.kind === 'principal' ? alert.actor.value : undefined],
    ['request', alert.targets.join(', ')],
    ['msg', summary],
    ['act', change],
    ['externalId', alert.id],
    ['cs1Label', 'detector'],
    ['cs1', alert.detector],
    ['cs2Label', 'owasp'],
    ['cs2', alert.owasp],
    ['cs3Label', 'actor'],
    ['cs3', `${alert.actor.kind}:${alert.actor.value}`],
    ['cs4Label', 'evidence'],
    ['cs4', alert.evidenceEventIds.slice(0, 10).join(',')],
    ['cs5Label', 'key'],
    ['cs5', alert.key],
  ];
  const body = extensions
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([key, value]) => `${key}=${escapeExtension(String(value))}`)
    .join(' ');
  return `${header}|${body}`;
}

function escapeHeader(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

function escapeExtension(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/=/g, '\\=')
    .replace(/\r\n|\n/g, '\\n')
    .replace(/\r/g, '\\r');
}
