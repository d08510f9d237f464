import type { Finding } from '@rampart/core';

/** One accepted finding. Only `fingerprint` decides; the rest is for the humans reviewing the file. */
export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  /** `openapi.yaml#/paths/~1users/post` */
  readonly location: string;
  /** `POST /users`, when the finding concerns an operation. */
  readonly operation?: string;
  readonly message: string;
}

/** A file of accepted findings (`rampart audit --baseline`), format version 1. See docs/audit.md. */
export interface Baseline {
  readonly version: 1;
  readonly tool: 'rampart-audit';
  /** ISO timestamp of creation. */
  readonly createdAt: string;
  readonly findings: readonly BaselineEntry[];
}

/** Builds a baseline that accepts every finding given (sorted by rule, then location, for stable diffs). */
export function createBaseline(findings: readonly Finding[], now: Date = new Date()): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const l = f.location;
    entries.set(f.fingerprint, {
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      location: `${l.document?.file ?? ''}#${l.document?.pointer ?? ''}`,
      ...(l.method === undefined || l.path === undefined ? {} : { operation: `${l.method} ${l.path}` }),
      message: f.message,
    });
  }
  return {
    version: 1,
    tool: 'rampart-audit',
    createdAt: now.toISOString(),
    findings: [...entries.values()].sort(
      (a, b) =>
        a.ruleId.localeCompare(b.ruleId) ||
        a.location.localeCompare(b.location) ||
        a.fingerprint.localeCompare(b.fingerprint),
    ),
  };
}
