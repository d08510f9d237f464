import { escapeHtml } from './escape-html.js';

/** One bar of a horizontal bar chart. */
export interface BarChartRow {
  readonly label: string;
  readonly value: number;
  /** CSS class that colours the bar (`b-high`, `b-owasp`…). */
  readonly barClass: string;
  /** Tooltip text; defaults to `label: value`. */
  readonly title?: string;
}

/**
 * An inline SVG horizontal bar chart (no script, no external resources): one row per entry, bars scaled to the
 * largest value, value printed after the bar. `labelWidth` is the space reserved for labels, in SVG units.
 */
export function renderBarChart(rows: readonly BarChartRow[], labelWidth: number, ariaLabel: string): string {
  const rowHeight = 26;
  const barArea = 300;
  const width = labelWidth + barArea + 48;
  const height = rows.length * rowHeight + 4;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const parts = rows.map((r, i) => {
    const y = i * rowHeight + 4;
    const w = r.value === 0 ? 0 : Math.max(3, Math.round((r.value / max) * barArea));
    const title = escapeHtml(r.title ?? `${r.label}: ${r.value}`);
    return (
      `<g><title>${title}</title>` +
      `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(r.label)}</text>` +
      `<rect class="track" x="${labelWidth}" y="${y + 2}" width="${barArea}" height="16" rx="3"/>` +
      (w > 0
        ? `<rect class="${escapeHtml(r.barClass)}" x="${labelWidth}" y="${y + 2}" width="${w}" height="16" rx="3"/>`
        : '') +
      `<text class="axis" x="${labelWidth + w + 6}" y="${y + 14}">${r.value}</text></g>`
    );
  });
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(ariaLabel)}">${parts.join('')}</svg>`;
}
