import type { ScanResponse } from '../transport/scan-transport.js';
import type { ExtractRule } from './identities-config.js';
import { readJsonPointer } from './read-json-pointer.js';
import { readSetCookie } from './read-set-cookie.js';

/** What {@link extractStepValues} found: the values by variable name, or the first rule that found nothing. */
export type ExtractedValues =
  | { readonly ok: true; readonly values: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly name: string; readonly source: string };

/**
 * Applies a step's extract rules to its response: a JSON pointer into the body (a string or number there), a
 * response header, or a cookie the response sets.
 */
export function extractStepValues(
  rules: Readonly<Record<string, ExtractRule>>,
  response: ScanResponse,
): ExtractedValues {
  const values = new Map<string, string>();
  let parsed: unknown;
  let didParse = false;
  for (const [name, rule] of Object.entries(rules)) {
    let value: unknown;
    if (rule.from === 'body') {
      if (!didParse) {
        didParse = true;
        try {
          parsed = JSON.parse(response.body);
        } catch {
          parsed = undefined;
        }
      }
      value = readJsonPointer(parsed, rule.pointer);
    } else if (rule.from === 'header') {
      value = response.headers[rule.name.toLowerCase()];
    } else {
      value = readSetCookie(response.setCookies, rule.name);
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      const source = rule.from === 'body' ? `body pointer ${rule.pointer}` : `${rule.from} ${rule.name}`;
      return { ok: false, name, source };
    }
    values.set(name, String(value));
  }
  return { ok: true, values };
}
