import { RampartError } from '@rampart/core';
import type { ReportInput } from './report-input.js';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from './report-formats.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import type { RenderOptions } from './render-options.js';
import { renderSarif } from './render-sarif.js';
import { renderText } from './render-text.js';

const RENDERERS: Record<ReportFormat, (input: ReportInput, options: RenderOptions) => string> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  html: renderHtml,
};

/**
 * Renders `input` in `format`. Accepts any string so the CLI can pass `--format` through unchecked: an unknown
 * format throws `RampartError('RAMPART_ERR_REPORT_FORMAT')` naming the valid ones.
 */
export function renderReport(
  format: ReportFormat | (string & {}),
  input: ReportInput,
  options: RenderOptions = {},
): string {
  if (!isReportFormat(format)) {
    throw new RampartError(
      'RAMPART_ERR_REPORT_FORMAT',
      `Unknown report format ${JSON.stringify(format)}: use one of ${REPORT_FORMATS.join(', ')}`,
      { hint: `Pass --format ${REPORT_FORMATS.join('|')}.` },
    );
  }
  return RENDERERS[format](input, options);
}
