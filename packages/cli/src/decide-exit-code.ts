import { type Finding, isAtLeast, isSeverity, RampartError, SEVERITIES, type Severity } from '@rampart/core';
import { EXIT_CODES } from './exit-codes.js';
import { suggestClosest } from './suggest-closest.js';

/** A `--fail-on` threshold: a severity, or `none` to never fail because of findings. */
export type FailOn = Severity | 'none';

/** Every accepted `--fail-on` value, least severe first, then `none`. */
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

/**
 * Parses a `--fail-on` value (case-insensitive). Throws a `RAMPART_ERR_USAGE` error that names the value, lists
 * the accepted ones and suggests the closest, e.g. `--fail-on "hgh" is not a severity; did you mean "high"?`.
 * `source` names where the value came from (`--fail-on`, `audit.failOn`) for the message.
 */
export function parseFailOn(value: string, source = '--fail-on'): FailOn {
  const lower = value.trim().toLowerCase();
  if (lower === 'none' || isSeverity(lower)) return lower;
  const suggestion = suggestClosest(lower, FAIL_ON_VALUES);
  throw new RampartError(
    'RAMPART_ERR_USAGE',
    `${source} ${JSON.stringify(value)} is not a severity${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    { hint: `use one of: ${FAIL_ON_VALUES.join(', ')}` },
  );
}

/**
 * The exit code of a run that produced `findings`: 1 (`findings`) when at least one finding is at or above
 * `failOn`, else 0. `failOn` may be a raw string from the command line; it is parsed with `parseFailOn`, so a
 * bad value throws a usage error (exit 2) instead of silently passing. `none` never fails.
 */
export function decideExitCode(
  findings: Iterable<Pick<Finding, 'severity'>>,
  failOn: FailOn | string,
): 0 | 1 {
  const threshold = parseFailOn(failOn);
  if (threshold === 'none') return EXIT_CODES.ok;
  for (const finding of findings) {
    if (isAtLeast(finding.severity, threshold)) return EXIT_CODES.findings;
  }
  return EXIT_CODES.ok;
}
