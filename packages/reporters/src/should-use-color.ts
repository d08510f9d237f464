/** The part of a stream `shouldUseColor` looks at (`process.stdout`, `process.stderr`). */
export interface ColorStream {
  readonly isTTY?: boolean;
}

/**
 * Whether a text report written to `stream` should use ANSI colour.
 *
 * - `FORCE_COLOR` set: colour unless it is `0` or `false` (it wins over `NO_COLOR`, as in Node's own `tty`).
 * - `NO_COLOR` set to a non-empty value: no colour (https://no-color.org).
 * - otherwise colour only on a TTY whose `TERM` is not `dumb`.
 */
export function shouldUseColor(
  stream: ColorStream,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}
