import { type ApiModel, type Operation, walkSchema } from '@rampart/openapi';
import { classifySensitiveName } from '../../classify-name.js';
import { defineGatewayConfigRule } from '../define-gateway-config-rule.js';
import { readObject } from '../read-config-value.js';

const LISTED = 3;

/** Operations whose success responses declare sensitive properties (credentials, ids, card or bank data). */
function sensitiveOperations(model: ApiModel): Operation[] {
  return model.operations.filter((op) =>
    op.responses.some(
      (response) =>
        response.status.startsWith('2') &&
        response.content.some((media) => {
          if (!media.schema) return false;
          let found = false;
          walkSchema(media.schema, (_schema, walk) => {
            const name = walk.propertyPath.at(-1);
            if (name && name !== '[]' && classifySensitiveName(name) !== undefined) found = true;
            return found ? 'skip' : undefined;
          });
          return found;
        }),
    ),
  );
}

/** OWASP API3: nothing notices a response that carries more than the description allows. */
export const gatewayResponseValidationOff = defineGatewayConfigRule({
  id: 'gateway-response-validation-off',
  title: 'Responses with sensitive data are not validated',
  severity: 'low',
  scope: 'document',
  owasp: 'API3',
  cwe: 213,
  confidence: 'firm',
  description:
    'Operations of the description return sensitive properties (credentials, tokens, government ids, card or bank data, dates of birth), but the gateway does not validate responses. A change in the upstream that returns more than the description declares (a whole user record, a password hash) goes unnoticed.',
  remediation:
    'Set `gateway.policies.request-validation.response` to `log` (the default) to record mismatches, or `block` to refuse them with 502.',
  check({ config, model, report }) {
    if (!model) return;
    const validation = readObject(readObject(config.policies)?.['request-validation']);
    if (validation && validation['response'] !== 'off') return;
    const operations = sensitiveOperations(model);
    if (operations.length === 0) return;
    const names = operations.slice(0, LISTED).map((op) => op.operationId ?? op.key);
    const more = operations.length > LISTED ? ` and ${operations.length - LISTED} more` : '';
    report({
      pointer: validation ? '/policies/request-validation/response' : '/policies',
      message: `responses are not validated, yet ${operations.length} operation(s) return sensitive data (${names.join(', ')}${more})`,
    });
  },
});
