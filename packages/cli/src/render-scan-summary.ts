import type { HostScanOutcome } from '@rampart/scan';
import { countBySeverity } from './build-scan-report.js';

function formatSeconds(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

/**
 * The table printed at the end of a scan: one row per host with its score and grade, findings by severity
 * (critical, high, medium, low, info), requests sent and time taken; a host that could not be scanned shows
 * `error` and the first line of `describeError`.
 */
export function renderScanSummary(
  outcomes: readonly HostScanOutcome[],
  describeError: (error: unknown) => string,
): string {
  const header = ['host', 'score', 'grade', 'crit', 'high', 'med', 'low', 'info', 'requests', 'time'];
  const rows = outcomes.map((o) => {
    if (!o.ok) {
      return [o.target, 'error', '-', '-', '-', '-', '-', '-', '-', formatSeconds(o.durationMs)];
    }
    const counts = countBySeverity(o);
    return [
      o.target,
      `${o.score.score}/100`,
      o.score.grade,
      ...['critical', 'high', 'medium', 'low', 'info'].map((s) => String(counts[s] ?? 0)),
      String(o.result.requests),
      formatSeconds(o.result.durationMs),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ');
  const errors = outcomes.flatMap((o) => (o.ok ? [] : [`  ${o.target}: ${describeError(o.error)}`]));
  return `${[line(header), ...rows.map(line)].join('\n')}\n${errors.length > 0 ? `${errors.join('\n')}\n` : ''}`;
}
