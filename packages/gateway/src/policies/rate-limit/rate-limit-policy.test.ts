import type { CounterStore, Identity } from '@rampart/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryCounterStore } from '../../create-memory-counter-store.js';
import type { Denial, PolicyHandler } from '../../define-policy.js';
import type { RequestContext } from '../../request-context.js';
import type { ResolvedGatewayOptions } from '../../resolved-gateway-options.js';
import { rateLimitPolicy, type RateLimitPolicyConfig } from './rate-limit-policy.js';

let now = Date.UTC(2026, 10, 30, 12, 0, 0);

afterEach(() => {
  vi.restoreAllMocks();
});

function compile(config: RateLimitPolicyConfig, store: CounterStore): PolicyHandler {
  const problems: string[] = [];
  const handler = rateLimitPolicy.compile(config, {
    model: undefined,
    options: { counterStore: store, logger: { warn: () => {} } } as unknown as ResolvedGatewayOptions,
    problem: (path, message) => problems.push(`${path}: ${message}`),
  });
  expect(problems).toEqual([]);
  return handler as PolicyHandler;
}

function context(subject: string | undefined, ip: string): RequestContext & { sent: [string, string][] } {
  const sent: [string, string][] = [];
  const identity: Identity | undefined =
    subject === undefined ? undefined : ({ subject, issuer: 'https://idp', method: 'jwt' } as Identity);
  return {
    id: 'req',
    method: 'GET',
    clientIp: ip,
    identity,
    operation: undefined,
    sent,
    setResponseHeader: (name: string, value: string) => sent.push([name, value]),
  } as unknown as RequestContext & { sent: [string, string][] };
}

/** A store that only has the asynchronous port (as the Redis store), counting with a memory store. */
function asyncOnly(inner: CounterStore): CounterStore {
  return { consume: (...args) => inner.consume(...args) };
}

describe('rate-limit policy with the in-memory store', () => {
  it('decides synchronously, exactly as through the asynchronous port', async () => {
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const config: RateLimitPolicyConfig = {
      limits: [
        { name: 'per-caller', by: ['identity'], limit: 5, windowSeconds: 10 },
        { name: 'per-ip', by: ['ip'], limit: 7, windowSeconds: 3, algorithm: 'fixed-window' },
        { name: 'bucket', by: ['ip', 'identity'], limit: 4, windowSeconds: 2, algorithm: 'token-bucket' },
      ],
    };
    const clock = () => now;
    const sync = compile(config, createMemoryCounterStore({ now: clock }));
    const viaPort = compile(config, asyncOnly(createMemoryCounterStore({ now: clock })));
    let refusals = 0;
    for (let i = 0; i < 200; i++) {
      now += (i * 7919) % 900; // irregular steps across window boundaries
      const subject = i % 3 === 0 ? undefined : `user-${i % 2}`;
      const ip = `192.0.2.${i % 4}`;
      const a = context(subject, ip);
      const b = context(subject, ip);
      const direct = sync(a);
      expect(direct).not.toBeInstanceOf(Promise);
      const ported = viaPort(b);
      expect(ported).toBeInstanceOf(Promise);
      expect(direct).toEqual(await ported);
      expect(a.sent).toEqual(b.sent);
      if ((direct as Denial | undefined)?.status === 429) refusals++;
    }
    // The sequence exercises refusals as well as admissions.
    expect(refusals).toBeGreaterThan(10);
    expect(refusals).toBeLessThan(190);
  });

  it('fails open or closed on a store error, as through the port', () => {
    const broken = createMemoryCounterStore();
    const handlerOpen = compile({ limits: [{ name: 'x', by: ['ip'], limit: 1, windowSeconds: 1 }] }, broken);
    vi.spyOn(broken, 'consumeSync').mockImplementation(() => {
      throw new Error('boom');
    });
    expect(handlerOpen(context(undefined, '192.0.2.1'))).toBeUndefined();
    const handlerClosed = compile(
      { failMode: 'closed', limits: [{ name: 'x', by: ['ip'], limit: 1, windowSeconds: 1 }] },
      broken,
    );
    expect(() => handlerClosed(context(undefined, '192.0.2.1'))).toThrow('boom');
  });
});
