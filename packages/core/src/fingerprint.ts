import { createHash } from 'node:crypto';
import type { Finding, FindingLocation } from './finding.js';

/**
 * A stable fingerprint for a finding: rule id, document file, JSON pointer, target, method and path.
 * Line numbers and messages are left out on purpose so that a baseline survives edits elsewhere in the file.
 */
export function fingerprintFinding(finding: Pick<Finding, 'ruleId' | 'location'>): string {
  const l: FindingLocation = finding.location;
  const parts = [
    finding.ruleId,
    l.document?.file ?? '',
    l.document?.pointer ?? '',
    l.target ?? '',
    l.method ?? '',
    l.path ?? '',
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
