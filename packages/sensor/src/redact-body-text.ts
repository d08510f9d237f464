import { isSecretName, REDACTED_TEXT, redactJson, redactUrl } from '@rampart/core';

/** `"name": "value"` pairs in JSON text, also when the text is truncated and cannot be parsed. */
const JSON_STRING_MEMBER = /"((?:[^"\\]|\\.){1,200})"(\s*:\s*)"(?:[^"\\]|\\.)*"?/g;
/** `"name": 12345` pairs: numeric PINs, CVVs and one-time codes. */
const JSON_NUMBER_MEMBER = /"((?:[^"\\]|\\.){1,200})"(\s*:\s*)-?\d[\d.eE+-]*/g;

/**
 * Redacts the values of secret-named fields (`password`, `token`, `client_secret`, `cvv`, …) in a body sample.
 * JSON is parsed and redacted structurally when it is complete; truncated or invalid JSON is redacted
 * textually, member by member; form bodies are redacted per field. Other text is returned as it is.
 */
export function redactBodyText(text: string, contentType: string | undefined): string {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('x-www-form-urlencoded')) return redactUrl(`?${text}`).slice(1);
  const trimmed = text.trimStart();
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(text)));
    } catch {
      return text
        .replace(JSON_STRING_MEMBER, (whole, name: string, colon: string) =>
          isSecretName(name) ? `"${name}"${colon}"${REDACTED_TEXT}"` : whole,
        )
        .replace(JSON_NUMBER_MEMBER, (whole, name: string, colon: string) =>
          isSecretName(name) ? `"${name}"${colon}"${REDACTED_TEXT}"` : whole,
        );
    }
  }
  return text;
}
