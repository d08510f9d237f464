const id = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const ok = { 200: { description: 'OK' } };
const page = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
  { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } },
];

/**
 * The OpenAPI 3.1 description of the bank-and-shop API the traffic generator simulates: login, accounts,
 * transactions, transfers, a product catalogue, orders, a health check, and one deprecated v1 endpoint. The
 * generator also calls an undocumented `/internal/export/{id}` (shadow traffic) that is deliberately absent.
 */
export const BANK_API_DESCRIPTION: string = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Simulated bank and shop', version: '1.0.0' },
  paths: {
    '/auth/login': { post: { operationId: 'login', security: [], responses: ok } },
    '/auth/logout': { post: { operationId: 'logout', responses: ok } },
    '/accounts': { get: { operationId: 'listAccounts', responses: ok } },
    '/accounts/{accountId}': {
      get: { operationId: 'getAccount', parameters: [id('accountId')], responses: ok },
    },
    '/accounts/{accountId}/transactions': {
      get: { operationId: 'listTransactions', parameters: [id('accountId'), ...page], responses: ok },
    },
    '/transfers': { post: { operationId: 'createTransfer', responses: { 201: { description: 'Created' } } } },
    '/products': {
      get: {
        operationId: 'listProducts',
        security: [],
        parameters: [
          ...page,
          {
            name: 'category',
            in: 'query',
            schema: { type: 'string', enum: ['shoes', 'bags', 'hats', 'coats', 'gifts'] },
          },
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 } },
        ],
        responses: ok,
      },
    },
    '/products/{productId}': {
      get: { operationId: 'getProduct', security: [], parameters: [id('productId')], responses: ok },
    },
    '/orders': {
      get: {
        operationId: 'listOrders',
        parameters: [
          ...page,
          { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } },
        ],
        responses: ok,
      },
      post: { operationId: 'createOrder', responses: { 201: { description: 'Created' } } },
    },
    '/orders/{orderId}': { get: { operationId: 'getOrder', parameters: [id('orderId')], responses: ok } },
    '/health': { get: { operationId: 'health', security: [], responses: ok } },
    '/v1/accounts/{accountId}': {
      get: { operationId: 'getAccountV1', deprecated: true, parameters: [id('accountId')], responses: ok },
    },
  },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearer: [] }],
});
