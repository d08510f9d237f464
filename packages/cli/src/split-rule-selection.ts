import type { AuditOptions } from '@rampart/audit';
import type { Severity } from '@rampart/core';
import type { GatewayConfigRuleSelection } from './audit-gateway-config-file.js';

const isGatewayRule = (id: string) => id.startsWith('gateway-');

/**
 * Splits `audit.rules` between the two audits: ids starting with `gateway-` select gateway-config rules, the
 * others OpenAPI rules. An `enable` list selects within each audit: naming only gateway rules leaves every
 * OpenAPI rule on, and the other way round.
 */
export function splitRuleSelection(rules: {
  readonly enable: readonly string[];
  readonly disable: readonly string[];
  readonly severity: Readonly<Record<string, Severity>>;
}): { readonly openapi: AuditOptions; readonly gateway: GatewayConfigRuleSelection } {
  const pick = (keep: (id: string) => boolean) => {
    const enable = rules.enable.filter(keep);
    return {
      ...(enable.length > 0 ? { enable } : {}),
      disable: rules.disable.filter(keep),
      severityOverrides: Object.fromEntries(Object.entries(rules.severity).filter(([id]) => keep(id))),
    };
  };
  return { openapi: pick((id) => !isGatewayRule(id)), gateway: pick(isGatewayRule) };
}
