import { REDACTED_TEXT, type ApiEvent } from '@rampart/core';

const FIELD = /^(user(name)?|user_name|userName|login|email|e-mail|account|client_id|identifier)$/i;
const JSON_FIELD =
  /"(user(?:name)?|user_name|userName|login|email|e-mail|account|client_id|identifier)"\s*:\s*"((?:[^"\\]|\\.){1,256})"/i;
const FORM_FIELD = /(?:^|&)(user(?:name)?|user_name|login|email|account|client_id)=([^&]{1,256})/i;

/**
 * The username a login attempt was for, from the redacted request body sample (JSON or form) or the query, or
 * undefined. Events never carry the password (redacted at capture), and a redacted value is never returned.
 * Lower-cased and trimmed so `Alice ` and `alice` count as one account.
 */
export function readUsername(event: ApiEvent): string | undefined {
  const text = event.requestBody?.text;
  if (text !== undefined && text.length > 0) {
    const json = JSON_FIELD.exec(text);
    if (json !== null) return clean(json[2]!);
    const form = FORM_FIELD.exec(text);
    if (form !== null) return clean(safeDecode(form[2]!.replace(/\+/g, ' ')));
  }
  const query = event.query;
  if (query !== undefined) {
    for (const name in query) {
      if (!FIELD.test(name)) continue;
      const value = query[name];
      const first = typeof value === 'string' ? value : value?.[0];
      if (first !== undefined) return clean(first);
    }
  }
  return undefined;
}

function clean(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  return v === '' || v === REDACTED_TEXT ? undefined : v;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
