export type { Actor, Alert } from './alert.js';
export type { AddressEmbedding, HostBasis, HostClassification, HostKind } from './classify-host.js';
export { classifyHost } from './classify-host.js';
export { isLoopbackHost } from './is-loopback-host.js';
export type { ErrorCode, Problem, RampartErrorOptions, SourceLocation } from './errors.js';
export {
  ERROR_CODES,
  formatLocation,
  formatProblem,
  isRampartError,
  RampartError,
  RampartValidationError,
} from './errors.js';
export type { ApiEvent, AuthOutcome, BodySample, PolicyVerdict } from './event.js';
export type { Evidence, Finding, FindingLocation, FindingSource, HttpExchange } from './finding.js';
export { fingerprintFinding } from './fingerprint.js';
export type { AuthMethod, Identity } from './identity.js';
export type { OwaspCategory } from './owasp.js';
export { describeOwaspCategory, isOwaspCategory, OWASP_CATEGORIES, OWASP_CATEGORY_IDS } from './owasp.js';
export type {
  AlertQuery,
  AlertStatus,
  Blocklist,
  CounterAlgorithm,
  CounterStore,
  EventQuery,
  EventSink,
  EventSource,
  FindingQuery,
  FindingRun,
  Page,
  RouteCount,
  RouteCountQuery,
  Store,
  StoredAlert,
} from './ports.js';
export { isSecret, REDACTED_TEXT, Secret } from './secret.js';
export type { Confidence, Severity } from './severity.js';
export {
  CONFIDENCES,
  compareSeverityDesc,
  isAtLeast,
  isSeverity,
  SEVERITIES,
  severityRank,
} from './severity.js';
export { isSecretName, redactHeaders, redactJson, redactUrl } from './redact.js';
export type { SpecialAddressRange } from './special-address-ranges.js';
export { SPECIAL_ADDRESS_RANGES } from './special-address-ranges.js';
export { renderErrorDocs } from './render-error-docs.js';
export type {
  CategoryScore,
  Grade,
  PostureScore,
  ScoreCap,
  ScoreDeduction,
  ScoreFindingsOptions,
} from './score-findings.js';
export { CATEGORY_WEIGHTS, gradeOf, SEVERITY_POINTS, scoreFindings } from './score-findings.js';
