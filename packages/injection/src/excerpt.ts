/** Longest evidence string a hit carries. */
export const MAX_EVIDENCE_CHARS = 96;

/**
 * The fragment of `text` from `start` to `end`, widened a little for context and cut to
 * {@link MAX_EVIDENCE_CHARS}, with control characters shown as escapes so evidence never forges log lines.
 */
export function excerpt(text: string, start: number, end = start + 40): string {
  const from = Math.max(0, start - 8);
  const to = Math.min(text.length, Math.max(end, from + 1), from + MAX_EVIDENCE_CHARS);
  return text
    .slice(from, to)
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
