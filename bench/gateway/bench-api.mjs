// The API every scenario of bench/gateway serves: its OpenAPI description (what Rampart routes, authorizes and
// validates against), the callers (one ES256 token per account), and the request mix every load generator sends.
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';

export const ISSUER = 'http://127.0.0.1/bench-idp';
export const AUDIENCE = 'orders-api';
export const KID = 'bench-es256-1';
/** Callers: account `acct-0000`… owns the orders under `/accounts/acct-0000/…` (its token's `sub`). */
export const ACCOUNTS = 100;

export const DESCRIPTION = `
openapi: 3.0.3
info: { title: Orders (gateway bench), version: '1' }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer, bearerFormat: JWT }
  parameters:
    accountId: { name: accountId, in: path, required: true, schema: { type: string, pattern: '^acct-[0-9]{4}$' } }
    orderId: { name: orderId, in: path, required: true, schema: { type: integer, minimum: 1, maximum: 99999999 } }
  schemas:
    NewOrder:
      type: object
      additionalProperties: false
      required: [items, currency]
      properties:
        currency: { type: string, enum: [EUR, USD, GBP] }
        note: { type: string, maxLength: 200 }
        items:
          type: array
          minItems: 1
          maxItems: 20
          items:
            type: object
            additionalProperties: false
            required: [sku, quantity]
            properties:
              sku: { type: string, pattern: '^[A-Z0-9-]{3,20}$' }
              quantity: { type: integer, minimum: 1, maximum: 100 }
    Order:
      type: object
      properties:
        id: { type: integer }
        accountId: { type: string }
        status: { type: string }
security: [{ bearer: [] }]
paths:
  /accounts/{accountId}/orders:
    parameters: [{ $ref: '#/components/parameters/accountId' }]
    get:
      operationId: listOrders
      security: [{ bearer: ['orders:read'] }]
      parameters:
        - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 100 } }
        - { name: status, in: query, schema: { type: string, enum: [open, shipped, delivered, cancelled] } }
      responses: { '200': { description: orders, content: { application/json: { schema: { type: object } } } } }
    post:
      operationId: createOrder
      security: [{ bearer: ['orders:write'] }]
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/NewOrder' } } }
      responses: { '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } } }
  /accounts/{accountId}/orders/{orderId}:
    parameters: [{ $ref: '#/components/parameters/accountId' }, { $ref: '#/components/parameters/orderId' }]
    get:
      operationId: getOrder
      security: [{ bearer: ['orders:read'] }]
      parameters:
        - { name: fields, in: query, schema: { type: string, enum: [summary, full] } }
      responses: { '200': { description: an order, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } } }
  /health:
    get:
      operationId: health
      security: []
      responses: { '200': { description: up } }
`;

export const accountId = (i) => `acct-${String(i % ACCOUNTS).padStart(4, '0')}`;

/** A fresh ES256 key pair; `jwk` is the public key as the JWKS server publishes it. */
export function createSigningKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'ES256', use: 'sig' };
  return { privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }), jwk };
}

const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An ES256 access token for account `i` (RFC 7519; signature in the JOSE r||s form, RFC 7518 §3.4). */
export function signToken(privatePem, i, overrides = {}) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'ES256', typ: 'JWT', kid: KID };
  const payload = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: accountId(i),
    iat: now,
    exp: now + 4 * 3600,
    scope: 'orders:read orders:write',
    roles: ['customer'],
    ...overrides,
  };
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: createPrivateKey(privatePem),
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * The request mix, identical for every scenario (ten requests per cycle, cycled over the accounts): 7 × GET one
 * order (with `?fields=`), 1 × GET a filtered list, 2 × POST a new order with a small JSON body. Every request is
 * legitimate: the right account's token, valid parameters and bodies, so every scenario should answer 2xx only.
 */
export function buildRequestMix(tokens) {
  const requests = [];
  for (let i = 0; i < ACCOUNTS * 10; i++) {
    const n = Math.floor(i / 10);
    const account = accountId(n);
    const headers = {
      authorization: `Bearer ${tokens[n % ACCOUNTS]}`,
      accept: 'application/json',
      'user-agent': 'rampart-bench/1.0',
    };
    const slot = i % 10;
    if (slot === 3)
      requests.push({
        method: 'GET',
        path: `/accounts/${account}/orders?limit=20&status=shipped`,
        headers,
      });
    else if (slot === 5 || slot === 9)
      requests.push({
        method: 'POST',
        path: `/accounts/${account}/orders`,
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          currency: 'EUR',
          note: 'Leave the parcel at the back door, please.',
          items: [
            { sku: `SKU-${1000 + (i % 500)}`, quantity: 1 + (i % 3) },
            { sku: 'GIFT-WRAP', quantity: 1 },
          ],
        }),
      });
    else
      requests.push({
        method: 'GET',
        path: `/accounts/${account}/orders/${100000 + i}?fields=${i % 2 ? 'full' : 'summary'}`,
        headers,
      });
  }
  return requests;
}

/**
 * The full policy set of the bench (JWT ES256 from `jwksUri`, function and object authorization, a per-identity
 * rate limit that never refuses, request validation, injection inspection), as `policies` of the gateway options.
 */
export function fullPolicies(jwksUri) {
  return {
    jwt: { issuers: [{ issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'], jwksUri }] },
    authorize: {
      roles: { createOrder: ['customer'] },
      objects: [
        {
          operation: ['listOrders', 'createOrder', 'getOrder'],
          object: { from: 'path', name: 'accountId', type: 'account' },
          owner: { claim: 'sub' },
        },
      ],
    },
    'rate-limit': {
      limits: [{ name: 'per-caller', by: ['identity'], limit: 100_000_000, windowSeconds: 60 }],
    },
    'request-validation': { request: true, response: 'off' },
    injection: { mode: 'block', paranoia: 1 },
  };
}
