import type { ApiEvent } from '@rampart/core';

/** A line (or HAR entry) that could not be imported, and why. */
export interface MalformedInput {
  /** 1-based line number (access logs) or entry number (HAR). */
  readonly line: number;
  readonly reason: string;
}

/** What an import saw. Filled in while the events are iterated; final once iteration ends. */
export interface ImportReport {
  /** Lines (or HAR entries) read, blank ones included. */
  lines: number;
  events: number;
  blank: number;
  malformed: number;
  /** The first 100 malformed lines with their reasons; `malformed` counts them all. */
  readonly malformedSamples: MalformedInput[];
}

/** Events imported from a file, streamed; `report` says how the import went. */
export interface EventImport extends AsyncIterable<ApiEvent> {
  readonly report: ImportReport;
}

export const MAX_MALFORMED_SAMPLES = 100;

/** A fresh, empty report. */
export function createImportReport(): ImportReport {
  return { lines: 0, events: 0, blank: 0, malformed: 0, malformedSamples: [] };
}

/** Empties a report before an import (re)starts. */
export function resetImportReport(report: ImportReport): void {
  report.lines = 0;
  report.events = 0;
  report.blank = 0;
  report.malformed = 0;
  report.malformedSamples.length = 0;
}
