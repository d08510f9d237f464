import { describe, expect, it } from 'vitest';
import { compileValidators, createOperationIndex, loadApiFromString } from '../src/index.js';

// End to end through the real loader: YAML → ApiModel → operation index and validators.
const yaml = `
openapi: 3.0.3
info: { title: Shop, version: '1' }
servers:
  - url: https://shop.example.com/api/v1
paths:
  /orders/{orderId}:
    parameters:
      - $ref: '#/components/parameters/OrderId'
    get:
      parameters:
        - name: expand
          in: query
          explode: false
          schema: { type: array, items: { type: string, enum: [items, customer] } }
      responses:
        '200':
          description: the order
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Order' }
    put:
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Order' }
      responses:
        '204': { description: updated }
  /orders/latest:
    get:
      responses:
        '200': { description: the latest order }
components:
  parameters:
    OrderId:
      name: orderId
      in: path
      required: true
      schema: { type: integer, minimum: 1 }
  schemas:
    Order:
      type: object
      required: [id, lines]
      properties:
        id: { type: integer, readOnly: true }
        note: { type: string, nullable: true }
        lines:
          type: array
          items: { $ref: '#/components/schemas/Line' }
    Line:
      type: object
      required: [sku, quantity]
      properties:
        sku: { type: string }
        quantity: { type: integer, minimum: 1 }
        bundle:
          type: array
          items: { $ref: '#/components/schemas/Line' }
`;

describe('createOperationIndex and compileValidators on a loaded description', async () => {
  const api = await loadApiFromString(yaml, 'shop.yaml');
  const index = createOperationIndex(api.operations);
  const validatorFor = compileValidators(api);

  it('routes under the server base path, literal before template', () => {
    expect(index.match('GET', '/api/v1/orders/latest')?.operation.key).toBe('GET /orders/latest');
    expect(index.match('GET', '/api/v1/orders/42')).toMatchObject({
      operation: { key: 'GET /orders/{orderId}' },
      params: { orderId: '42' },
    });
    expect(index.match('GET', '/orders/42')).toBeUndefined();
    expect(index.allowedMethods('/api/v1/orders/42')).toEqual(['GET', 'PUT']);
  });

  it('validates parameters from a $ref-ed path-item parameter and a comma-separated query array', () => {
    const match = index.match('GET', '/api/v1/orders/0')!;
    const issues = validatorFor(match.operation).validateRequest({
      params: match.params,
      query: new URLSearchParams('expand=items,payments'),
      headers: {},
    });
    expect(issues.map((i) => `${i.location}:${i.name}:${i.pointer}`)).toEqual([
      'path:orderId:',
      'query:expand:/1',
    ]);
    const ok = index.match('GET', '/api/v1/orders/3')!;
    const second = validatorFor(ok.operation).validateRequest({
      params: ok.params,
      query: new URLSearchParams('expand=payments'),
      headers: {},
    });
    expect(second.map((i) => i.message)).toEqual([
      'query parameter "expand" at /0 must be equal to one of the allowed values: ["items","customer"], got "payments"',
    ]);
  });

  it('validates a recursive body, without requiring readOnly properties', () => {
    const match = index.match('PUT', '/api/v1/orders/3')!;
    const validate = (body: unknown) =>
      validatorFor(match.operation)
        .validateRequest({
          params: match.params,
          query: {},
          headers: {},
          contentType: 'application/json',
          body,
        })
        .map((i) => i.pointer);
    expect(
      validate({ note: null, lines: [{ sku: 'a', quantity: 1, bundle: [{ sku: 'b', quantity: 2 }] }] }),
    ).toEqual([]);
    expect(validate({ lines: [{ sku: 'a', quantity: 1, bundle: [{ sku: 'b', quantity: 0 }] }] })).toEqual([
      '/lines/0/bundle/0/quantity',
    ]);
  });

  it('validates responses, where readOnly properties are required', () => {
    const match = index.match('GET', '/api/v1/orders/3')!;
    const validator = validatorFor(match.operation);
    expect(validator.validateResponse(200, 'application/json', { id: 3, lines: [] })).toEqual([]);
    expect(validator.validateResponse(200, 'application/json', { lines: [] }).map((i) => i.message)).toEqual([
      "response body must have required property 'id'",
    ]);
  });
});
