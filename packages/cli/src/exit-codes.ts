import { isRampartError } from '@rampart/core';

/**
 * The process exit codes of every `rampart` command. They are a contract with CI pipelines: never renumbered.
 * - `ok` (0): the command did its work and nothing reached the `--fail-on` threshold.
 * - `findings` (1): findings at or above the `--fail-on` severity (or a score below `minScore`).
 * - `usage` (2): the command line, the configuration or an input document is wrong; the message says how.
 * - `internal` (3): an unexpected failure inside Rampart; a bug to report with the correlation id.
 */
export const EXIT_CODES = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Error-code prefixes that mean "the user's input is wrong" rather than "Rampart failed". */
const INPUT_ERROR_PREFIXES = [
  'RAMPART_ERR_USAGE',
  'RAMPART_ERR_CONFIG_',
  'RAMPART_ERR_OPENAPI_',
  'RAMPART_ERR_REPORT_FORMAT',
  'RAMPART_ERR_SCAN_PREFLIGHT',
] as const;

/**
 * The exit code for an error that ended a command: 2 for a `RampartError` about the user's input (usage,
 * configuration, API descriptions, an unknown report format, identities that fail the scan preflight), 3 for anything else, including
 * `RAMPART_ERR_INTERNAL` and exceptions that are not `RampartError`s at all.
 */
export function exitCodeForError(error: unknown): ExitCode {
  if (isRampartError(error) && INPUT_ERROR_PREFIXES.some((prefix) => error.code.startsWith(prefix))) {
    return EXIT_CODES.usage;
  }
  return EXIT_CODES.internal;
}
