import { randomUUID } from 'node:crypto';
import { formatLocation, isRampartError, RampartValidationError } from '@rampart/core';
import { EXIT_CODES, type ExitCode, exitCodeForError } from './exit-codes.js';

export interface FormatErrorOptions {
  /** Print the stack (and causes) of internal errors. */
  readonly debug: boolean;
  /** Identifies this failure in a bug report; a random one by default. */
  readonly correlationId?: string;
}

/** What to print on standard error for a failed command, and the exit code. */
export interface FormattedError {
  readonly text: string;
  readonly exitCode: ExitCode;
}

/**
 * Words an error for the terminal. Input errors (exit 2) show the message, every problem, the file position and
 * the hint, with the error code for searching. Anything else (exit 3) shows one short line, a correlation id and how
 * to get the stack; with `debug`, the stack and the chain of causes.
 */
export function formatError(error: unknown, options: FormatErrorOptions): FormattedError {
  const exitCode = exitCodeForError(error);
  if (exitCode === EXIT_CODES.usage && isRampartError(error)) {
    const lines = [`rampart: ${error.message}`];
    // Validation errors place every problem; other errors get one position, unless the message already says it.
    if (error.location && !(error instanceof RampartValidationError)) {
      const where = formatLocation(error.location);
      if (!error.message.includes(where)) lines.push(`  at ${where}`);
    }
    if (error.hint) lines.push(`hint: ${error.hint}`);
    if (error.code !== 'RAMPART_ERR_USAGE') lines.push(`(${error.code})`);
    if (options.debug && error.cause !== undefined) lines.push(...causeChain(error.cause));
    return { text: `${lines.join('\n')}\n`, exitCode };
  }
  const correlationId = options.correlationId ?? randomUUID().slice(0, 8);
  const summary = error instanceof Error ? `${error.name}: ${firstLine(error.message)}` : String(error);
  const lines = [`rampart: internal error (correlation id ${correlationId}): ${summary}`];
  if (options.debug) {
    lines.push(error instanceof Error && error.stack ? error.stack : String(error));
    if (error instanceof Error && error.cause !== undefined) lines.push(...causeChain(error.cause));
  } else {
    lines.push('This is a bug in Rampart. Run with --debug (or RAMPART_DEBUG=1) for the stack,');
    lines.push('and report it with the correlation id.');
  }
  return { text: `${lines.join('\n')}\n`, exitCode };
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function causeChain(cause: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(
      `caused by: ${current instanceof Error ? (current.stack ?? current.message) : String(current)}`,
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines;
}
