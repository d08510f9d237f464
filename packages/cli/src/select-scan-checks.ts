import { RampartError } from '@rampart/core';
import type { ScanCheck } from '@rampart/scan';
import { suggestClosest } from './suggest-closest.js';

function parseIds(value: string | undefined, source: string, known: readonly string[]): string[] {
  if (value === undefined) return [];
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  for (const id of ids) {
    if (!known.includes(id)) {
      const suggestion = suggestClosest(id, known);
      throw new RampartError(
        'RAMPART_ERR_USAGE',
        `${source} ${JSON.stringify(id)} is not a scan check${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        { hint: 'rampart scan --list-checks prints every check id' },
      );
    }
  }
  return ids;
}

/**
 * The checks a scan runs: all of `checks`, or only those named in `only` (comma-separated ids), minus those in
 * `skip`, in their registered order. An unknown id is a usage error with a did-you-mean; so is a selection
 * that leaves nothing to run.
 */
export function selectScanChecks(
  checks: readonly ScanCheck[],
  only: string | undefined,
  skip: string | undefined,
): ScanCheck[] {
  const known = checks.map((c) => c.id);
  const wanted = parseIds(only, '--checks', known);
  const skipped = parseIds(skip, '--skip', known);
  const selected = checks.filter(
    (c) => (wanted.length === 0 || wanted.includes(c.id)) && !skipped.includes(c.id),
  );
  if (selected.length === 0) {
    throw new RampartError('RAMPART_ERR_USAGE', 'no scan check is left to run', {
      hint: '--checks and --skip exclude every check',
    });
  }
  return selected;
}
