import { classifyValue } from './classify-value.js';
import type { DataClass } from './data-class.js';
import { hasPrivateKey } from './has-private-key.js';

export interface ClassifyTextOptions {
  /** Classify at most this many words. Default 2,000. */
  readonly maxTokens?: number;
  readonly now?: number;
}

/** Whitespace, quotes, brackets and the separators of query strings, CSV and key-value text. */
const SEPARATORS = /[\s"'<>,;&=()[\]{}|\\]+/;

/**
 * The sensitive data classes in free text (a body that is not JSON, or a truncated JSON sample): the whole text is
 * searched for private keys, then each word is classified on its own, without field-name hints. Values written
 * with spaces (`4111 1111 1111 1111`, `(415) 555-2671`) are split into words and so not found here.
 */
export function classifyText(text: string, options: ClassifyTextOptions = {}): DataClass[] {
  const maxTokens = options.maxTokens ?? 2000;
  const found = new Set<DataClass>();
  if (hasPrivateKey(text)) found.add('private-key');
  const tokens = text.split(SEPARATORS, maxTokens);
  const now = options.now ?? Date.now();
  for (const token of tokens) {
    if (token.length < 6) continue;
    for (const dataClass of classifyValue(stripPunctuation(token), { now })) found.add(dataClass);
  }
  return [...found];
}

/** Sentence punctuation around a word (`alice@example.com.`), not part of it. */
function stripPunctuation(token: string): string {
  return token.replace(/^[.:!?]+|[.:!?]+$/g, '');
}
