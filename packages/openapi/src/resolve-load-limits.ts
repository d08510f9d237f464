import type { LoadApiOptions } from './load-api-options.js';

/** The effective safety limits of one load: every `LoadApiOptions` limit with its default filled in. */
export interface LoadLimits {
  readonly allowRemote: boolean;
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly maxAliasCount: number;
  readonly maxDocuments: number;
  readonly fetchTimeoutMs: number;
}

/**
 * 64 MiB: GitHub's full description (13 MB, the largest real one we know with `$ref`s) fits five times over, and
 * a 50 MB document still parses within about 1 GB of memory. Its fully dereferenced 73 MB variant is refused
 * by default: raise the limit deliberately for such files.
 */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Real descriptions nest well under 100 levels; 512 leaves room and keeps every recursive consumer safe. */
export const DEFAULT_MAX_DEPTH = 512;
/** YAML alias expansion budget: the number of nodes that aliases would add if fully expanded. */
export const DEFAULT_MAX_ALIAS_COUNT = 100_000;
export const DEFAULT_MAX_DOCUMENTS = 256;
export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(`loadApi options.${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/** Fills in defaults and rejects nonsense option values (a `TypeError`: that is a programming mistake). */
export function resolveLoadLimits(options: LoadApiOptions, rootIsRemote: boolean): LoadLimits {
  return {
    allowRemote: options.allowRemote ?? rootIsRemote,
    maxBytes: positiveInteger('maxBytes', options.maxBytes, DEFAULT_MAX_BYTES),
    maxDepth: positiveInteger('maxDepth', options.maxDepth, DEFAULT_MAX_DEPTH),
    maxAliasCount: positiveInteger('maxAliasCount', options.maxAliasCount, DEFAULT_MAX_ALIAS_COUNT),
    maxDocuments: positiveInteger('maxDocuments', options.maxDocuments, DEFAULT_MAX_DOCUMENTS),
    fetchTimeoutMs: positiveInteger('fetchTimeoutMs', options.fetchTimeoutMs, DEFAULT_FETCH_TIMEOUT_MS),
  };
}
