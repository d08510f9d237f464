import { compareSeverityDesc, type Finding } from '@rampart/core';

/**
 * Deterministic report order: most severe first, then rule id, then location (document, line, column, pointer,
 * target, method, path), then message and fingerprint. Plain code-unit comparison, so the order does not depend
 * on the machine's locale.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverityDesc(a.severity, b.severity) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.location.document?.file, b.location.document?.file) ||
    compareNumber(a.location.document?.line, b.location.document?.line) ||
    compareNumber(a.location.document?.column, b.location.document?.column) ||
    compareText(a.location.document?.pointer, b.location.document?.pointer) ||
    compareText(a.location.target, b.location.target) ||
    compareText(a.location.path, b.location.path) ||
    compareText(a.location.method, b.location.method) ||
    compareText(a.message, b.message) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

function compareText(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

function compareNumber(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a - b;
}
