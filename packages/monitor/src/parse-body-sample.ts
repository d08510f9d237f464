import type { BodySample } from '@rampart/core';

/**
 * A body sample as a value to inspect: parsed JSON when the sample is JSON and complete, the parameters of a
 * complete form-urlencoded body, else the text itself. Undefined when there is no sample.
 */
export function parseBodySample(body: BodySample | undefined): unknown {
  const text = body?.text;
  if (text === undefined || text.length === 0) return undefined;
  const type = body?.contentType?.toLowerCase() ?? '';
  if (!body!.truncated) {
    if (type.includes('json') || (type === '' && (text[0] === '{' || text[0] === '['))) {
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
    if (type.startsWith('application/x-www-form-urlencoded')) {
      return Object.fromEntries(new URLSearchParams(text));
    }
  }
  return text;
}
