import type { Operation } from '@rampart/openapi';
import { operationWords } from './operation-words.js';

const FETCH_WORDS = new Set([
  'import',
  'imports',
  'fetch',
  'proxy',
  'preview',
  'crawl',
  'scrape',
  'render',
  'screenshot',
  'unfurl',
  'thumbnail',
  'mirror',
  'sync',
  'synchronize',
  'ingest',
]);

/**
 * The word by which an operation says it makes the server fetch something (`import`, `fetch`, `proxy`,
 * `preview`, `sync`, `unfurl`, `screenshot`…) in its path, operationId or summary; undefined otherwise.
 */
export function fetchWordOf(operation: Operation): string | undefined {
  const words = operationWords(operation);
  return [...words.path, ...words.operationId, ...words.summary].find((w) => FETCH_WORDS.has(w));
}
