import { type Finding, formatLocation } from '@rampart/core';
import type { Writer } from './define-command.js';

/**
 * Prints each insecure gateway setting as a coded warning, at every start and reload:
 * `rampart: warning [gateway-plain-http-exposed] high: … (rampart.yaml:4:11)`. The code is the config-audit rule
 * id, so `rampart audit --gateway-config` explains the same findings in full.
 */
export function writeGatewayWarnings(log: Writer, warnings: readonly Finding[]): void {
  for (const finding of warnings) {
    const where = finding.location.document ? ` (${formatLocation(finding.location.document)})` : '';
    log.write(`rampart: warning [${finding.ruleId}] ${finding.severity}: ${finding.message}${where}\n`);
  }
}
