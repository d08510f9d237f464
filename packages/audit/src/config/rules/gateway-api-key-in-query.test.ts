import { describeGatewayConfigRule } from '../test-gateway-config-rule.js';
import { gatewayApiKeyInQuery } from './gateway-api-key-in-query.js';

const SPEC = `openapi: 3.0.3
info: { title: T, version: '1' }
components:
  securitySchemes:
    queryKey: { type: apiKey, in: query, name: api_key }
    headerKey: { type: apiKey, in: header, name: X-API-Key }
paths: {}
`;

describeGatewayConfigRule(gatewayApiKeyInQuery, [
  {
    name: 'in: query',
    config: { policies: { 'api-key': { in: 'query', name: 'api_key', keys: [] } } },
    expect: [{ pointer: '/policies/api-key/in', message: '"api_key"' }],
  },
  {
    name: 'scheme in query',
    config: { policies: { 'api-key': { scheme: 'queryKey' } } },
    spec: SPEC,
    expect: [{ pointer: '/policies/api-key/scheme' }],
  },
  {
    name: 'near miss: header scheme',
    config: { policies: { 'api-key': { scheme: 'headerKey' } } },
    spec: SPEC,
    expect: 0,
  },
  { name: 'near miss: default header', config: { policies: { 'api-key': { keys: [] } } }, expect: 0 },
]);
