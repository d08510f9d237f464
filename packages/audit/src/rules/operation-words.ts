import type { Operation } from '@rampart/openapi';
import { splitWords } from '../classify-name.js';

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

/** Splits an operation's path, operationId, tags and summary into lower-case words (see `splitWords`). */
export function operationWords(operation: Operation): OperationWords {
  // `/#X-Amz-Target=Service.Action` (AWS JSON protocol): the fragment is no path; operationId names the action.
  const path = operation.path.split('#')[0] ?? '';
  const literal = path.split('/').filter((s) => s.length > 0 && !s.startsWith('{'));
  const last = literal.at(-1);
  return {
    path: literal.flatMap(splitWords),
    lastSegment: last === undefined ? [] : splitWords(last),
    operationId: operation.operationId === undefined ? [] : splitWords(operation.operationId),
    tags: operation.tags.flatMap(splitWords),
    summary: operation.summary === undefined ? [] : splitWords(operation.summary),
  };
}
