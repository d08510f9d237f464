/** Options of `loadApi` and `loadApiFromString`. Every limit has a safe default and can be overridden. */
export interface LoadApiOptions {
  /**
   * Fetch http(s) documents and remote `$ref`s. Default: true when the root is an http(s) URL, false for a file
   * (a local description then never makes network requests unless asked to). Documents fetched over http(s)
   * may only reference other http(s) documents, never local files.
   */
  allowRemote?: boolean;
  /** Largest accepted document, in bytes, per document. Default 64 MiB. */
  maxBytes?: number;
  /** Deepest accepted nesting of objects and arrays. Default 512. */
  maxDepth?: number;
  /** YAML alias expansion budget: nodes that aliases would add if expanded ("billion laughs"). Default 100,000. */
  maxAliasCount?: number;
  /** Most distinct files or URLs that `$ref`s may pull in, the root included. Default 256. */
  maxDocuments?: number;
  /** Time allowed for each http(s) fetch, in milliseconds. Default 15,000. */
  fetchTimeoutMs?: number;
}
