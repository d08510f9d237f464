import { loadApiFromString } from '@rampart/openapi';
import { createCanary, parseIdentities, type ScanResult, scanTarget } from '@rampart/scan';
import { beforeAll, describe, expect, it } from 'vitest';
import { api10UpstreamMalformed } from '../../src/checks/api10-upstream-malformed.js';
import { api10UpstreamTimeout } from '../../src/checks/api10-upstream-timeout.js';
import { startTinyApi } from '../start-tiny-api.js';
import { summarize } from '../start-bank.js';

// A tiny price API that consumes a quote provider (pointed at the canary's upstream listener), written two
// ways: `naive` (no deadline, JSON parsed without a guard, provider text returned as is) and `robust` (a 1 s
// deadline, status and content type checked, parse errors answered 502, only a validated number returned).
const document = {
  openapi: '3.0.3',
  info: { title: 'tiny quotes', version: '1' },
  components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  security: [{ bearerAuth: [] }],
  paths: {
    '/me': { get: { responses: { '200': { description: 'me' } } } },
    '/quote': {
      get: {
        summary: 'Current price from the quote provider',
        responses: {
          '200': {
            description: 'quote',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { price: { type: 'number' }, note: { type: 'string' } },
                },
              },
            },
          },
          '502': { description: 'provider failed' },
        },
      },
    },
  },
};

const identities = parseIdentities(
  'identities:\n  - { name: alice, role: customer, bearer: t-alice }\npreflight: { method: GET, path: /me }\n',
  'ids.yaml',
);

async function scan(mode: 'naive' | 'robust'): Promise<ScanResult> {
  const canary = await createCanary();
  const provider = `${canary.upstreamUrl}/quote`;
  const api = await startTinyApi((request, send) => {
    if (request.headers.authorization !== 'Bearer t-alice') return send(401, { error: 'login required' });
    if (request.path === '/me') return send(200, { name: 'alice' });
    if (request.path !== '/quote') return send(404, { error: 'not found' });
    void (async () => {
      if (mode === 'naive') {
        try {
          const data = (await (await fetch(provider)).json()) as { price: number; note: string };
          send(200, { price: data.price, note: data.note });
        } catch (error) {
          send(500, { error: String(error), stack: (error as Error).stack });
        }
        return;
      }
      try {
        const answer = await fetch(provider, { signal: AbortSignal.timeout(1000) });
        const type = answer.headers.get('content-type') ?? '';
        const text = await answer.text();
        if (!answer.ok || !type.startsWith('application/json'))
          return send(502, { error: 'provider failed' });
        const price = (JSON.parse(text) as { price?: unknown }).price;
        if (typeof price !== 'number') return send(502, { error: 'provider failed' });
        send(200, { price });
      } catch {
        send(502, { error: 'provider failed' });
      }
    })();
  });
  try {
    return await scanTarget({
      model: await loadApiFromString(JSON.stringify(document), 'tiny-quotes.json'),
      target: api.url,
      identities,
      options: { checks: [api10UpstreamTimeout, api10UpstreamMalformed], canary, readOnly: true },
    });
  } finally {
    await api.close();
    await canary.close();
  }
}

describe('api10 upstream checks on a tiny provider-consuming API', () => {
  let naive: ScanResult;
  let robust: ScanResult;
  beforeAll(async () => {
    [naive, robust] = await Promise.all([scan('naive'), scan('robust')]);
  });

  it('finds the missing deadline, the crash with a stack trace and the pass-through of provider strings', () => {
    expect(naive.engineErrors).toEqual([]);
    const found = naive.findings.map((f) => `${f.ruleId} ${f.evidence?.oracle} ${f.severity}`).sort();
    expect(found).toEqual([
      'api10-upstream-malformed upstream-malformed-crash medium',
      'api10-upstream-timeout upstream-stall-waited medium',
    ]);
    // One finding per operation: the crash, with the pass-through of the injected strings named in it.
    const malformed = naive.findings.find((f) => f.ruleId === 'api10-upstream-malformed')!;
    expect(malformed.message).toMatch(
      /with markup and template payloads in every string field it passes it through/,
    );
    expect(malformed.evidence?.snippet).toMatch(/^at \w+/);
    expect(summarize(naive).every((s) => s.endsWith('GET /quote'))).toBe(true);
  });

  it('reports nothing for the robust consumer, which still called the upstream', () => {
    expect(robust.engineErrors).toEqual([]);
    expect(robust.checks.every((c) => c.requests > 0)).toBe(true);
    expect(robust.findings).toEqual([]);
  });
});
