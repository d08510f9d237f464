import { configuredAuthentication } from '../configured-authentication.js';
import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

/** The description requires authentication, the gateway enforces none: it is all left to the upstream. */
export const gatewayNoAuthentication = defineGatewayConfigRule({
  id: 'gateway-no-authentication',
  title: 'No authentication although the description requires it',
  severity: 'high',
  scope: 'document',
  owasp: 'API2',
  cwe: 306,
  confidence: 'firm',
  description:
    'Operations of the API description declare security requirements, but the gateway configures no authentication (jwt, introspection, api-key or mutual TLS). Every request reaches the upstream unauthenticated, and one upstream endpoint that forgets its own check is open to anyone.',
  remediation:
    "Configure the authentication policy matching the description's security schemes: `jwt` (with `jwksUri`), `introspection` or `api-key`, or `tls.clientCertificate` for mTLS.",
  check({ config, model, report }) {
    if (!model || configuredAuthentication(config).length > 0) return;
    const secured = model.operations.filter((op) => op.security.some((alt) => Object.keys(alt).length > 0));
    if (secured.length === 0) return;
    report({
      pointer: readObject(config.policies) ? '/policies' : '',
      message: `${secured.length} operation(s) of the description require authentication, but no authentication policy is configured`,
    });
  },
});
