import { runInNewContext } from 'node:vm';
import { HttpError } from './http-error.js';

/** How long one regular-expression search may run before it is stopped (bounds the ReDoS flaw). */
export const SEARCH_BUDGET_MS = 1000;

/**
 * Returns the indexes of `texts` that match `query`. As a pattern (flaw api4-regex-search-redos) the query is
 * compiled as a regular expression and run in a `vm` context with a {@link SEARCH_BUDGET_MS} timeout, so a
 * catastrophic pattern burns one CPU for that long and then answers 503; as a literal it is a plain substring.
 */
export function searchTransactions(texts: readonly string[], query: string, asPattern: boolean): number[] {
  if (!asPattern) {
    const needle = query.toLowerCase();
    return texts.flatMap((text, index) => (text.toLowerCase().includes(needle) ? [index] : []));
  }
  try {
    return runInNewContext(
      'const re = new RegExp(pattern, "i"); texts.flatMap((text, index) => (re.test(text) ? [index] : []))',
      { pattern: query, texts },
      { timeout: SEARCH_BUDGET_MS },
    ) as number[];
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new HttpError(503, 'search_timeout', `the search did not finish within ${SEARCH_BUDGET_MS} ms`);
    }
    throw new HttpError(400, 'invalid_pattern', `q is not a valid pattern: ${(error as Error).message}`);
  }
}
