/**
 * Whether an object in a document's source text may have a member named `name`: false only when the text cannot
 * spell that name, so a caller can skip a walk of the whole parsed document for a rare key (an extension such
 * as `x-rampart-ignore` is absent from nearly every description). A name can hide behind escapes (JSON `\u0078`,
 * YAML `"\x78"`), so a text with such an escape answers true whenever the name itself is not found.
 *
 * @param syntax `json` (only `\u` escapes can spell letters) or `yaml` (any backslash escape may)
 */
export function mayHaveMember(text: string, name: string, syntax: 'json' | 'yaml'): boolean {
  if (text.includes(name)) return true;
  return syntax === 'json' ? text.includes('\\u') : text.includes('\\');
}
