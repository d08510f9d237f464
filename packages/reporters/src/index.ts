export type { ColorStream } from './should-use-color.js';
export { shouldUseColor } from './should-use-color.js';
export type {
  CategoryScore,
  CheckedCase,
  EngineError,
  ReportInput,
  ReportRule,
  ReportSubject,
  ReportTool,
  ScoreDeduction,
  SubjectScore,
} from './report-input.js';
export type { ReportFormat } from './report-formats.js';
export { isReportFormat, REPORT_FORMATS } from './report-formats.js';
export type { RenderOptions } from './render-options.js';
export { renderReport } from './render-report.js';
export { renderText } from './render-text.js';
export { JSON_REPORT_SCHEMA_ID, JSON_REPORT_SCHEMA_VERSION, renderJson } from './render-json.js';
export { renderSarif, SARIF_FINGERPRINT_KEY, SARIF_SCHEMA_URI } from './render-sarif.js';
export { renderJunit } from './render-junit.js';
export { HTML_REPORT_CSP, renderHtml } from './render-html.js';
