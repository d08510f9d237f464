import { loadApiFromString } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { runDetector } from '../run-detector.fixture.js';
import { shadowEndpoint } from './shadow-endpoint.js';
import { zombieEndpoint } from './zombie-endpoint.js';

const model = await loadApiFromString(
  JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Bank', version: '1' },
    paths: {
      '/accounts': { get: { responses: { 200: { description: 'ok' } } } },
      '/accounts/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'ok' } },
        },
      },
      '/v1/accounts/{id}': {
        get: {
          deprecated: true,
          operationId: 'getAccountV1',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'ok' } },
        },
      },
      '/search': {
        get: {
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string' } },
            { name: 'sort_by', in: 'query', deprecated: true, schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'ok' } },
        },
      },
    },
  }),
  'bank.json',
);

describe('shadow-endpoint', () => {
  it('reports an undocumented endpoint the API serves, once per template', () => {
    const events = [17, 18, 19].map((id) => makeEvent({ path: `/internal/export/${id}`, status: 200 }));
    const signals = runDetector(shadowEndpoint, events, { model });
    expect(signals).toHaveLength(2);
    expect(signals[0]!.target).toBe('GET /internal/export/{id}');
    expect(signals[0]!.perTarget).toBe(true);
    expect(signals[0]!.blockable).toBe(false);
  });

  it('reports an undocumented method on a documented path', () => {
    const events = [1, 2].map(() => makeEvent({ method: 'DELETE', path: '/accounts', status: 204 }));
    expect(runDetector(shadowEndpoint, events, { model })[0]!.summary).toMatch(/not for DELETE/);
  });

  it('ignores documented traffic, 404 probes and everything when there is no description', () => {
    const events = [
      makeEvent({ path: '/accounts/7' }),
      makeEvent({ path: '/accounts/8' }),
      makeEvent({ path: '/wp-admin', status: 404 }),
      makeEvent({ path: '/wp-admin', status: 404 }),
    ];
    expect(runDetector(shadowEndpoint, events, { model })).toEqual([]);
    expect(runDetector(shadowEndpoint, [makeEvent({ path: '/x' }), makeEvent({ path: '/x' })])).toEqual([]);
  });
});

describe('zombie-endpoint', () => {
  it('reports calls to a deprecated operation and to a deprecated parameter', () => {
    const signals = runDetector(
      zombieEndpoint,
      [
        makeEvent({ path: '/v1/accounts/7' }),
        makeEvent({ path: '/search', query: { q: 'x', sort_by: 'date' } }),
      ],
      { model },
    );
    expect(signals.map((s) => s.target)).toEqual(['GET /v1/accounts/{id}', 'GET /search']);
    expect(signals[0]!.details?.['operationId']).toBe('getAccountV1');
    expect(signals[1]!.summary).toMatch(/sort_by/);
  });

  it('ignores current operations', () => {
    const events = [makeEvent({ path: '/accounts/7' }), makeEvent({ path: '/search', query: { q: 'x' } })];
    expect(runDetector(zombieEndpoint, events, { model })).toEqual([]);
  });
});
