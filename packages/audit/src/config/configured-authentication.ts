import type { AuditedGatewayConfig } from './audited-gateway-config.js';
import { readObject } from './read-config-value.js';

/** The authentication mechanisms a gateway configuration turns on: `jwt`, `introspection`, `api-key`, `mtls`. */
export function configuredAuthentication(config: AuditedGatewayConfig): string[] {
  const policies = readObject(config.policies) ?? {};
  const found = ['jwt', 'introspection', 'api-key'].filter((id) => readObject(policies[id]) !== undefined);
  const mtls = readObject(readObject(config.tls)?.['clientCertificate']) !== undefined;
  return mtls ? [...found, 'mtls'] : found;
}
