import { escapeHtml } from './escape-html.js';
import { scoreBand } from './score-band.js';

/** An inline SVG half-circle gauge for a 0-100 score, with the number and the grade in the middle. */
export function renderScoreGauge(score: number, grade: string | undefined, label: string): string {
  const clamped = Math.max(0, Math.min(100, score));
  const r = 70;
  const length = Math.PI * r;
  const filled = ((clamped / 100) * length).toFixed(2);
  const arc = `M ${85 - r} 92 A ${r} ${r} 0 0 1 ${85 + r} 92`;
  const shown = Number.isInteger(score) ? String(score) : score.toFixed(1);
  return (
    `<svg viewBox="0 0 170 124" role="img" aria-label="${escapeHtml(`${label}: score ${shown} of 100`)}">` +
    `<path class="g-track" d="${arc}" fill="none" stroke-width="14" stroke-linecap="round"/>` +
    (clamped > 0
      ? `<path class="g-${scoreBand(clamped)}" d="${arc}" fill="none" stroke-width="14" stroke-linecap="round" stroke-dasharray="${filled} ${length.toFixed(2)}"/>`
      : '') +
    `<text class="g-value" x="85" y="84" text-anchor="middle">${escapeHtml(shown)}</text>` +
    `<text class="g-grade" x="85" y="118" text-anchor="middle">${escapeHtml(grade === undefined ? 'out of 100' : `out of 100 · grade ${grade}`)}</text>` +
    `</svg>`
  );
}
