import type { Finding } from '@rampart/core';
import type { Baseline } from './create-baseline.js';

export interface BaselineResult {
  /** Findings not in the baseline: these fail the build. */
  readonly new: Finding[];
  /** Findings the baseline accepts. */
  readonly accepted: Finding[];
  /** Baseline entries no finding matched any more (fixed, or their node moved): candidates to prune. */
  readonly stale: Baseline['findings'][number][];
}

/** Splits findings into new and accepted by fingerprint (rule id + file + JSON pointer + operation). */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineResult {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const seen = new Set<string>();
  const result = { new: [] as Finding[], accepted: [] as Finding[] };
  for (const f of findings) {
    if (known.has(f.fingerprint)) {
      result.accepted.push(f);
      seen.add(f.fingerprint);
    } else {
      result.new.push(f);
    }
  }
  return { ...result, stale: baseline.findings.filter((e) => !seen.has(e.fingerprint)) };
}
