import { statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { RampartError } from '@rampart/core';
import type { ReportFormat } from '@rampart/reporters';

/** Where one report goes: a file, or standard output when `file` is absent. */
export interface ReportTarget {
  readonly format: ReportFormat;
  /** Absolute path; absent for standard output. */
  readonly file?: string;
}

/** File names used inside an output directory. */
export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  text: 'rampart-audit.txt',
  json: 'rampart-audit.json',
  sarif: 'rampart-audit.sarif',
  junit: 'rampart-audit.junit.xml',
  html: 'rampart-audit.html',
};

/**
 * Decides where each report is written:
 *
 * - no `output`: one format only, to standard output (several would interleave: a usage error asks for
 *   `--output <directory>`);
 * - `output` names a directory when it ends in `/`, is an existing directory, or has no extension
 *   (`reports`): one file per format in it, named as in `REPORT_FILE_NAMES` (`rampart-audit.sarif`,
 *   `rampart-audit.junit.xml`, …), the directory created when written;
 * - otherwise (`rampart.sarif`, `out/report.json`) it names the file of the one format requested; with
 *   several formats that is a usage error.
 *
 * `output` is relative to `cwd`; `origin` names where it came from (`--output`, `audit.output`) for messages.
 */
export function resolveReportTargets(
  formats: readonly ReportFormat[],
  output: string | undefined,
  cwd: string,
  origin = '--output',
): ReportTarget[] {
  if (output === undefined) {
    if (formats.length > 1) {
      throw new RampartError(
        'RAMPART_ERR_USAGE',
        `${formats.length} report formats (${formats.join(', ')}) cannot all be printed to standard output`,
        { hint: 'add --output <directory> to write one file per format, or ask for one format' },
      );
    }
    return formats.map((format) => ({ format }));
  }
  const path = resolve(cwd, output);
  const existing = statSync(path, { throwIfNoEntry: false });
  const isDirectory = /[\\/]$/.test(output) || (existing?.isDirectory() ?? extname(path) === '');
  if (isDirectory) return formats.map((format) => ({ format, file: join(path, REPORT_FILE_NAMES[format]) }));
  if (formats.length > 1) {
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `${origin} ${JSON.stringify(output)} names a file, but ${formats.length} formats (${formats.join(', ')}) need a directory`,
      { hint: 'name a directory (created if missing), e.g. --output reports/' },
    );
  }
  return [{ format: formats[0] as ReportFormat, file: path }];
}
