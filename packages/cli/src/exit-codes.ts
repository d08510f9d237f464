import { type ErrorCode, isRampartError } from '@rampart/core';

/**
 * The process exit codes of every `rampart` command. They are a contract with CI pipelines: never renumbered.
 * - `ok` (0): the command did its work and nothing reached the `--fail-on` threshold.
 * - `findings` (1): findings at or above the `--fail-on` severity (or a score below `minScore`).
 * - `usage` (2): the command line, the configuration or an input document is wrong; the message says how.
 * - `internal` (3): an unexpected failure inside Rampart; a bug to report with the correlation id.
 */
export const EXIT_CODES = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * Which error codes mean "the user's input is wrong" (exit 2) rather than "Rampart failed" (exit 3). A `Record` over
 * every catalogued code, so adding a code to core without deciding its exit code here fails the type-check.
 */
const EXIT_CLASS: Readonly<Record<ErrorCode, 'input' | 'internal'>> = {
  RAMPART_ERR_CONFIG_INVALID: 'input',
  RAMPART_ERR_CONFIG_READ: 'input',
  RAMPART_ERR_CONFIG_IDENTITIES: 'input',
  RAMPART_ERR_USAGE: 'input',
  RAMPART_ERR_OPENAPI_READ: 'input',
  RAMPART_ERR_OPENAPI_PARSE: 'input',
  RAMPART_ERR_OPENAPI_LIMIT: 'input',
  RAMPART_ERR_OPENAPI_NOT_OPENAPI: 'input',
  RAMPART_ERR_OPENAPI_REF: 'input',
  RAMPART_ERR_OPENAPI_INVALID: 'input',
  RAMPART_ERR_OPENAPI_SCHEMA_COMPILE: 'input',
  RAMPART_ERR_REPORT_FORMAT: 'input',
  RAMPART_ERR_INTERNAL: 'internal',
  // Identities that do not work against the target: the user's identities file or target is wrong.
  RAMPART_ERR_SCAN_PREFLIGHT: 'input',
  // The scanner's guards are caught inside a scan and recorded per check; one escaping is a bug.
  RAMPART_ERR_SCAN_OUT_OF_SCOPE: 'internal',
  RAMPART_ERR_SCAN_READ_ONLY: 'internal',
  RAMPART_ERR_SCAN_BUDGET: 'internal',
  RAMPART_ERR_SCAN_TRANSPORT: 'internal',
  // A store path that cannot be opened, a bad key or a malformed query come from the user's configuration.
  RAMPART_ERR_STORE_OPEN: 'input',
  RAMPART_ERR_STORE_KEY: 'input',
  RAMPART_ERR_STORE_QUERY: 'input',
  RAMPART_ERR_STORE_MIGRATION: 'internal',
  RAMPART_ERR_STORE_WRITE: 'internal',
  RAMPART_ERR_STORE_CLOSED: 'internal',
  RAMPART_ERR_STORE_DECRYPT: 'internal',
  RAMPART_ERR_IMPORT_READ: 'input',
  // A flow or auto-identities that cannot work against this target: the user's identities file or target is wrong.
  RAMPART_ERR_SCAN_FLOW: 'input',
  RAMPART_ERR_SCAN_AUTO_IDENTITIES: 'input',
};

/**
 * The exit code for an error that ended a command: 2 for a `RampartError` about the user's input (usage,
 * configuration, API descriptions, report formats, identities, store settings, import files), 3 for anything else,
 * including `RAMPART_ERR_INTERNAL` and exceptions that are not `RampartError`s at all.
 */
export function exitCodeForError(error: unknown): ExitCode {
  if (isRampartError(error) && EXIT_CLASS[error.code] === 'input') {
    return EXIT_CODES.usage;
  }
  return EXIT_CODES.internal;
}
