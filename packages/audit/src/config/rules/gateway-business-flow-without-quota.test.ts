import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayBusinessFlowWithoutQuota } from './gateway-business-flow-without-quota.js';

const SPEC = `openapi: 3.0.3
info: { title: Bank, version: '1' }
components: { securitySchemes: { bearer: { type: http, scheme: bearer } } }
security: [{ bearer: [] }]
paths:
  /transfers:
    post:
      operationId: createTransfer
      responses: { '201': { description: ok } }
  /coupons/redeem:
    post:
      operationId: redeemCoupon
      responses: { '200': { description: ok } }
  /accounts:
    get:
      operationId: listAccounts
      responses: { '200': { description: ok } }
`;
const quota = (...operations: string[]) => ({
  policies: { 'rate-limit': { quotas: [{ name: 'q', operations, limit: 5, periodSeconds: 86400 }] } },
});

describeGatewayConfigRule(gatewayBusinessFlowWithoutQuota, [
  { name: 'no quota at all', config: {}, spec: SPEC, expect: 2 },
  {
    name: 'transfers covered, redeem not',
    config: quota('createTransfer'),
    spec: SPEC,
    expect: [{ pointer: '/policies/rate-limit/quotas', message: 'redeemCoupon starts a redeem flow' }],
  },
  {
    name: 'near miss: both covered (by id and by METHOD /path)',
    config: quota('createTransfer', 'post /coupons/redeem'),
    spec: SPEC,
    expect: 0,
  },
]);
