import * as crypto from 'node:crypto';
import type { Finding, FindingLocation } from './finding.js';

type OneShotHash = (algorithm: string, data: string, encoding: 'hex') => string;
/** `crypto.hash` (Node ≥ 20.12): the same digest as createHash(...).update(...).digest() at a third of the cost. */
const oneShot = (crypto as { hash?: OneShotHash }).hash;
const sha256Hex: (data: string) => string =
  oneShot === undefined
    ? (data) => crypto.createHash('sha256').update(data).digest('hex')
    : (data) => oneShot('sha256', data, 'hex');

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
  return sha256Hex(parts.join('\u0000')).slice(0, 32);
}
