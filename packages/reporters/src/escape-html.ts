import { toPrintableText } from './to-printable-text.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * `value` safe as HTML text or as a quoted attribute value: the five markup characters and the backtick become
 * references, and unprintable or bidi-override characters become a visible `\uXXXX` (see `toPrintableText`).
 * Everything a finding carries passes through here: it holds attacker-controlled data from scanned APIs.
 */
export function escapeHtml(value: unknown): string {
  return toPrintableText(String(value)).replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}
