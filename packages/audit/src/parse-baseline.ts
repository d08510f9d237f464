import { type Problem, RampartValidationError } from '@rampart/core';
import type { Baseline, BaselineEntry } from './create-baseline.js';

/**
 * Validates a parsed baseline file (JSON) and returns it typed. Throws `RAMPART_ERR_CONFIG_INVALID` listing every
 * problem, e.g. a wrong version or an entry without fingerprint. `file` is only used in messages.
 */
export function parseBaseline(value: unknown, file = 'baseline'): Baseline {
  const problems: Problem[] = [];
  const isRecord = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(value)) {
    problems.push({ path: '/', message: `must be an object, got ${JSON.stringify(value)?.slice(0, 40)}` });
  } else {
    if (value['version'] !== 1) {
      problems.push({
        path: '/version',
        message: `must be 1, got ${JSON.stringify(value['version'])}`,
        hint: 'regenerate it with `rampart audit --write-baseline`',
      });
    }
    if (!Array.isArray(value['findings'])) {
      problems.push({ path: '/findings', message: 'must be an array of { fingerprint, ruleId, location }' });
    } else {
      for (const [i, entry] of value['findings'].entries()) {
        if (
          !isRecord(entry) ||
          typeof entry['fingerprint'] !== 'string' ||
          !/^[0-9a-f]{32}$/.test(entry['fingerprint'])
        ) {
          problems.push({
            path: `/findings/${i}/fingerprint`,
            message: 'must be a 32-character hex fingerprint',
          });
        }
      }
    }
  }
  if (problems.length > 0) {
    throw new RampartValidationError(
      'RAMPART_ERR_CONFIG_INVALID',
      `${file} is not a valid audit baseline:`,
      problems,
    );
  }
  const v = value as Record<string, unknown>;
  return {
    version: 1,
    tool: 'rampart-audit',
    createdAt: typeof v['createdAt'] === 'string' ? v['createdAt'] : '',
    findings: v['findings'] as BaselineEntry[],
  };
}
