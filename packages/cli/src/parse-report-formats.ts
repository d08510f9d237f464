import { RampartError } from '@rampart/core';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '@rampart/reporters';
import { suggestClosest } from './suggest-closest.js';

/**
 * Reads `--format` values: each may list several formats separated by commas, and the option may be repeated
 * (`--format sarif,junit --format html`). Returns the formats in the order first named, without duplicates.
 * Throws `RAMPART_ERR_USAGE` naming an unknown format with a did-you-mean.
 */
export function parseReportFormats(values: readonly string[], source = '--format'): ReportFormat[] {
  const formats: ReportFormat[] = [];
  for (const value of values) {
    for (const item of value.split(',')) {
      const name = item.trim().toLowerCase();
      if (name === '') continue;
      if (!isReportFormat(name)) {
        const suggestion = suggestClosest(name, REPORT_FORMATS);
        throw new RampartError(
          'RAMPART_ERR_USAGE',
          `${source} ${JSON.stringify(item.trim())} is not a report format${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          { hint: `use one or more of ${REPORT_FORMATS.join(', ')}, e.g. --format sarif,junit` },
        );
      }
      if (!formats.includes(name)) formats.push(name);
    }
  }
  return formats;
}
