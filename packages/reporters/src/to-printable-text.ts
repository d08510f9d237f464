/**
 * Control characters, DEL, C1 controls, line/paragraph separators and the bidirectional overrides used by
 * "Trojan Source" tricks (CVE-2021-42574). Findings carry attacker-controlled data from scanned APIs; printed
 * raw, an ESC sequence could rewrite the terminal (fake a clean result, hide a line) and a bidi override could
 * make text read differently from what it is.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `value` with every unprintable character (see above) replaced by a visible `\uXXXX` escape. Newlines and tabs
 * are kept; callers that need one line replace them.
 */
export function toPrintableText(value: string): string {
  return value.replace(
    UNPRINTABLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
