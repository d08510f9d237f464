import type { Operation } from '@rampart/openapi';
import { wordsOf } from '../classify-name.js';

/** The words an operation is named with, by where they come from. */
export interface OperationWords {
  /** Words of the literal (non-`{param}`) path segments, e.g. `/gift-cards/{id}/redeem` → gift, cards, redeem. */
  readonly path: readonly string[];
  /** Words of the last literal path segment, e.g. `/orders/{id}/cancel` → cancel. */
  readonly lastSegment: readonly string[];
  readonly operationId: readonly string[];
  readonly tags: readonly string[];
  /** Words of the summary (not the long description: prose there mentions too much to classify by). */
  readonly summary: readonly string[];
}

const cache = new WeakMap<Operation, OperationWords>();

/**
 * Splits an operation's path, operationId, tags and summary into lower-case words (see `splitWords`). Cached per
 * operation: a dozen rules classify every operation by its words.
 */
export function operationWords(operation: Operation): OperationWords {
  let words = cache.get(operation);
  if (words === undefined) {
    words = computeOperationWords(operation);
    cache.set(operation, words);
  }
  return words;
}

function computeOperationWords(operation: Operation): OperationWords {
  // `/#X-Amz-Target=Service.Action` (AWS JSON protocol): the fragment is no path; operationId names the action.
  const path = operation.path.split('#')[0] ?? '';
  const literal = path.split('/').filter((s) => s.length > 0 && !s.startsWith('{'));
  const last = literal.at(-1);
  return {
    path: literal.flatMap((s) => wordsOf(s)),
    lastSegment: last === undefined ? [] : wordsOf(last),
    operationId: operation.operationId === undefined ? [] : wordsOf(operation.operationId),
    tags: operation.tags.flatMap((s) => wordsOf(s)),
    summary: operation.summary === undefined ? [] : wordsOf(operation.summary),
  };
}
