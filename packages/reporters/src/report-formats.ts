/** Every format `renderReport` can produce, in the order they are documented. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'html'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** True when `value` names a report format. */
export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value);
}
