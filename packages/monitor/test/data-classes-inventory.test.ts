// End to end: events as a sensor posts them (with body samples) → the collector over real HTTP on 127.0.0.1 →
// a sink that keeps what the SQLite store keeps without a body key (no body texts) → the inventory and the
// reconstructed OpenAPI document. Sensitive data in responses must show on the endpoint that returned it, field by
// field, and near misses (digits that fail Luhn or the IBAN checksum, random numbers) must not.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEvent, BodySample } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventClassifier } from '../src/classify/create-event-classifier.js';
import { createCollector } from '../src/collector/create-collector.js';
import { hashSensorToken } from '../src/collector/hash-sensor-token.js';
import { createInventory } from '../src/inventory/create-inventory.js';
import { toOpenApi } from '../src/inventory/to-open-api.js';

const TOKEN = 'tok-data-classes-7c1e9a0b3d5f';

/** What the SQLite store keeps of an event when no body encryption key is configured. */
function asStored(event: ApiEvent): ApiEvent {
  const strip = (sample: BodySample | undefined) => {
    if (sample === undefined) return undefined;
    const { text: _text, ...rest } = sample;
    return rest;
  };
  const requestBody = strip(event.requestBody);
  const responseBody = strip(event.responseBody);
  const { requestBody: _q, responseBody: _r, ...rest } = event;
  return JSON.parse(
    JSON.stringify({
      ...rest,
      ...(requestBody ? { requestBody } : {}),
      ...(responseBody ? { responseBody } : {}),
    }),
  ) as ApiEvent;
}

let n = 0;
function sensorEvent(path: string, response: unknown, extra: Record<string, unknown> = {}) {
  n++;
  const text = JSON.stringify(response);
  return {
    id: `evt-${n}`,
    time: Date.now() - 10_000 + n,
    origin: 'sensor:ignored',
    method: 'GET',
    rawPath: path,
    path,
    status: 200,
    latencyMs: 4,
    requestSize: 0,
    responseSize: text.length,
    clientIp: '203.0.113.9',
    auth: 'success',
    verdict: 'observe',
    requestHeaders: { accept: 'application/json' },
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: { contentType: 'application/json', text, truncated: false, size: text.length },
    ...extra,
  };
}

describe('sensitive data: sensor events → collector → store → inventory', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  });

  async function collect(
    events: readonly Record<string, unknown>[],
    classify: boolean | undefined = undefined,
  ): Promise<ApiEvent[]> {
    const stored: ApiEvent[] = [];
    const collector = createCollector({
      ...(classify === undefined ? {} : { classify }),
      tokens: new Map([[hashSensorToken(TOKEN), 'billing']]),
      sink: async (batch) => {
        stored.push(...batch.map(asStored));
      },
    });
    const server = createServer(collector);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ events }),
    });
    expect(response.status).toBe(200);
    return stored;
  }

  it('records response data classes per endpoint and field, and ignores near misses', async () => {
    const stored = await collect([
      sensorEvent('/customers/1001', {
        id: 1001,
        email: 'alice.martin@example.com',
        payment: { card: '4111 1111 1111 1111', iban: 'GB82 WEST 1234 5698 7654 32' },
      }),
      sensorEvent('/customers/1002', {
        id: 1002,
        email: 'bob@example.org',
        payment: { card: '5555555555554444', iban: 'DE89370400440532013000' },
      }),
      // Near misses: 16 digits failing Luhn, an IBAN with a wrong checksum, random digit strings.
      sensorEvent('/orders/77', {
        id: 77,
        reference: '4111111111111112',
        account: 'GB82WEST12345698765433',
        batch: '8273645192',
        tracking: '9182736450912837',
      }),
      sensorEvent('/orders/78', {
        id: 78,
        reference: '1234567812345678',
        account: 'DE00370400440532013000',
        batch: '5038291746',
        tracking: '0000000000000000',
      }),
    ]);

    // The store kept no body text, so everything the inventory knows came from the collector's classification.
    expect(stored.every((e) => e.responseBody?.text === undefined)).toBe(true);
    expect(stored[0]?.dataClasses).toEqual(['email', 'payment-card', 'iban']);
    expect(stored[2]?.dataClasses).toBeUndefined();

    const inventory = createInventory();
    for (const event of stored) inventory.observe(event);
    const snapshot = inventory.snapshot();
    const customers = snapshot.endpoints.find((e) => e.endpoint.startsWith('GET /customers/'));
    const orders = snapshot.endpoints.find((e) => e.endpoint.startsWith('GET /orders/'));
    expect(customers?.dataClasses).toEqual({
      request: {},
      response: { email: 2, 'payment-card': 2, iban: 2 },
    });
    expect(orders?.dataClasses).toEqual({ request: {}, response: {} });

    // The reconstructed description says it per operation; with bodies stored it says it per field too.
    const document = toOpenApi(snapshot) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const customerOperation = Object.entries(document.paths).find(([p]) => p.startsWith('/customers/'))?.[1]
      .get as { 'x-rampart-observed': { dataClasses?: unknown } };
    expect(customerOperation['x-rampart-observed'].dataClasses).toEqual({
      request: [],
      response: ['email', 'payment-card', 'iban'],
    });
    const orderOperation = Object.entries(document.paths).find(([p]) => p.startsWith('/orders/'))?.[1]
      .get as {
      'x-rampart-observed': { dataClasses?: unknown };
    };
    expect(orderOperation['x-rampart-observed'].dataClasses).toBeUndefined();
  });

  it('keeps which field held which class', async () => {
    const [stored] = await collect([
      sensorEvent('/customers/1003', {
        profile: { contact: 'carol@example.net' },
        iban: 'NL91ABNA0417164300',
      }),
    ]);
    expect(stored?.dataLocations).toEqual([
      { class: 'email', location: 'response-body', pointer: '/profile/contact' },
      { class: 'iban', location: 'response-body', pointer: '/iban' },
    ]);
  });

  it('marks the fields of response schemas when bodies are at hand', () => {
    const inventory = createInventory();
    const text = JSON.stringify({ email: 'dave@example.com', note: 'call 0000' });
    inventory.observe({
      ...(sensorEvent('/people/5', {}) as unknown as ApiEvent),
      responseBody: { contentType: 'application/json', text, truncated: false, size: text.length },
    });
    const document = JSON.stringify(toOpenApi(inventory.snapshot()));
    expect(document).toContain('"dataClasses":["email"]');
  });

  it('does not classify bodies when told not to, and samples by event id', async () => {
    const [unclassified] = await collect([sensorEvent('/customers/9', { email: 'erin@example.com' })], false);
    expect(unclassified?.dataClasses).toBeUndefined();
    expect(unclassified?.dataLocations).toBeUndefined();
    const none = createEventClassifier({ bodySampleRate: 0, bodiesPerEndpoint: 0 });
    const all = createEventClassifier({ bodySampleRate: 1 });
    const event = sensorEvent('/customers/1', { email: 'erin@example.com' }) as unknown as ApiEvent;
    expect(none(event).dataClasses).toBeUndefined();
    expect(all(event).dataClasses).toEqual(['email']);
    const half = createEventClassifier({ bodySampleRate: 0.5, bodiesPerEndpoint: 0 });
    let classified = 0;
    for (let i = 0; i < 400; i++) {
      const e = sensorEvent('/customers/1', { email: 'erin@example.com' }) as unknown as ApiEvent;
      if (half(e).dataClasses !== undefined) classified++;
      expect(half(e).dataClasses).toEqual(half(e).dataClasses);
    }
    expect(classified).toBeGreaterThan(120);
    expect(classified).toBeLessThan(280);
    expect(() => createEventClassifier({ bodySampleRate: 2 })).toThrow(TypeError);
    expect(() => createEventClassifier({ bodiesPerEndpoint: -1 })).toThrow(TypeError);
  });

  it("classifies every endpoint's first calls, then only a sample", () => {
    const classify = createEventClassifier({ bodiesPerEndpoint: 3, bodySampleRate: 0 });
    const call = (path: string) =>
      classify(sensorEvent(path, { email: 'frank@example.com' }) as unknown as ApiEvent).dataClasses;
    // /users/1, /users/2 … are one endpoint (path template /users/{id}); /teams/… another.
    expect([1, 2, 3, 4, 5].map((i) => call(`/users/${i}`))).toEqual([
      ['email'],
      ['email'],
      ['email'],
      undefined,
      undefined,
    ]);
    expect(call('/teams/9')).toEqual(['email']);
    // The path and query are classified on every call, sampled or not.
    const unsampled = createEventClassifier({ bodiesPerEndpoint: 0, bodySampleRate: 0 })(
      sensorEvent('/users/grace@example.com', { email: 'frank@example.com' }) as unknown as ApiEvent,
    );
    expect(unsampled.dataLocations).toEqual([{ class: 'email', location: 'path', pointer: '/1' }]);
  });
});
