/**
 * One base error with a stable code (`RAMPART_ERR_<AREA>_<CONDITION>`) and an optional cause.
 * Codes are contracts: never reused, never renamed. Every code lives in `ERROR_CODES` with a one-line meaning;
 * docs/errors.md is generated from it and a test fails when they drift apart.
 */
export const ERROR_CODES = {
  RAMPART_ERR_CONFIG_INVALID: 'The configuration file or its overrides do not match the published schema.',
  RAMPART_ERR_CONFIG_READ: 'The configuration file could not be read.',
  RAMPART_ERR_USAGE: 'The command line is malformed: unknown command, option or missing argument.',
  RAMPART_ERR_OPENAPI_READ:
    'An API description (or a document it references) could not be read from disk or fetched.',
  RAMPART_ERR_OPENAPI_PARSE: 'An API description is not valid YAML or JSON.',
  RAMPART_ERR_OPENAPI_LIMIT:
    'An API description exceeds a safety limit (size, nesting depth, alias expansion, reference count).',
  RAMPART_ERR_OPENAPI_NOT_OPENAPI: 'A document is not an OpenAPI 3.x or Swagger 2.0 description.',
  RAMPART_ERR_OPENAPI_REF: 'A $ref could not be resolved.',
  RAMPART_ERR_OPENAPI_INVALID:
    'An API description is structurally invalid in a way that prevents building the model.',
  RAMPART_ERR_OPENAPI_SCHEMA_COMPILE:
    'A schema in an API description could not be compiled into a validator.',
  RAMPART_ERR_REPORT_FORMAT: 'An unknown report format was requested.',
  RAMPART_ERR_INTERNAL: 'An unexpected internal failure; please report it with the correlation id.',
  RAMPART_ERR_CONFIG_IDENTITIES:
    'A scan identities file (identities.yaml) is malformed or names an unknown identity or variable.',
  RAMPART_ERR_SCAN_PREFLIGHT:
    'A scan identity could not prove it works (login failed, or its requests are not authenticated).',
  RAMPART_ERR_SCAN_OUT_OF_SCOPE: 'The scanner refused a request to an origin outside the given targets.',
  RAMPART_ERR_SCAN_READ_ONLY: 'The scanner refused a non-safe request because the scan is read-only.',
  RAMPART_ERR_SCAN_BUDGET: 'A scan check or the whole scan ran out of its request or time budget.',
  RAMPART_ERR_SCAN_TRANSPORT: 'A scan request failed at the network level (connection, timeout, TLS).',
  RAMPART_ERR_STORE_OPEN:
    'The event store could not be opened (path, permissions, or a corrupt database file).',
  RAMPART_ERR_STORE_MIGRATION:
    'The event store schema could not be migrated, or it is newer than this version of Rampart.',
  RAMPART_ERR_STORE_WRITE: 'The event store failed to write a batch (disk full, I/O error, locked database).',
  RAMPART_ERR_STORE_CLOSED: 'The event store was used after close().',
  RAMPART_ERR_STORE_KEY:
    'The store encryption key is missing or malformed (RAMPART_STORE_KEY or the key file must hold 32 bytes, base64).',
  RAMPART_ERR_STORE_DECRYPT:
    'A value encrypted at rest failed authentication: it was tampered with, or the key that wrote it is not configured.',
  RAMPART_ERR_STORE_QUERY: 'A store query has an invalid filter or pagination cursor.',
  RAMPART_ERR_IMPORT_READ: 'An access log or HAR file could not be read, or is not in the expected format.',
  RAMPART_ERR_SCAN_FLOW:
    'An explicit flow in identities.yaml failed against the target (a step answered an unexpected status or lacked a value to extract).',
  RAMPART_ERR_SCAN_AUTO_IDENTITIES:
    '--auto-identities found no sign-up or no password login in the API description, so no throwaway users can be created.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A place in a document: file (or URL), 1-based line and column, and the JSON pointer of the node. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly pointer?: string;
}

export interface RampartErrorOptions {
  readonly cause?: unknown;
  /** Where the problem is, when it concerns a document. */
  readonly location?: SourceLocation;
  /** What the user can do about it. */
  readonly hint?: string;
}

export class RampartError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: RampartErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RampartError';
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
  }
}

/** One problem inside a larger validation: where, what, and how to fix it. */
export interface Problem {
  /** A dotted path in a config (`gateway.upstreams[0].url`) or a JSON pointer in a document. */
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
  readonly location?: SourceLocation;
}

/** Invalid configuration or documents: one error that lists every problem, not just the first. */
export class RampartValidationError extends RampartError {
  readonly problems: readonly Problem[];

  constructor(
    code: ErrorCode,
    summary: string,
    problems: readonly Problem[],
    options: RampartErrorOptions = {},
  ) {
    super(code, `${summary}\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`, options);
    this.name = 'RampartValidationError';
    this.problems = problems;
  }
}

export function formatProblem(problem: Problem): string {
  const where = problem.location ? ` (${formatLocation(problem.location)})` : '';
  const hint = problem.hint ? ` — ${problem.hint}` : '';
  return `${problem.path}: ${problem.message}${where}${hint}`;
}

/** `openapi.yaml:12:5` — or just the file when the position is unknown. */
export function formatLocation(location: SourceLocation): string {
  if (location.line === undefined) return location.file;
  return location.column === undefined
    ? `${location.file}:${location.line}`
    : `${location.file}:${location.line}:${location.column}`;
}

export function isRampartError(value: unknown): value is RampartError {
  return value instanceof RampartError;
}
