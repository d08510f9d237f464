import { RampartError } from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';
import { type ScanResult, type ScanTargetInput, scanHosts } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { bankIdentities, bankModel, createBankApi } from './start-bank.js';

const model = {} as ApiModel;

function fakeResult(target: string): ScanResult {
  return {
    scanId: 's',
    target,
    findings: [],
    checks: [],
    engineErrors: [],
    requests: 1,
    durationMs: 1,
    scope: { refused: 0, refusedOrigins: new Set() },
    preflight: [],
    cleanup: { attempted: 0, failed: 0 },
    exchanges: [],
    warnings: [],
  };
}

describe('scanHosts', () => {
  it('never runs more than `concurrency` hosts at once and keeps the order of the hosts', async () => {
    let running = 0;
    let peak = 0;
    const scan = async (input: ScanTargetInput) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5 + (input.target.length % 3)));
      running--;
      return fakeResult(input.target);
    };
    const hosts = Array.from({ length: 7 }, (_, i) => ({ target: `http://h${i}.test`, model }));
    const outcomes = await scanHosts(hosts, { concurrency: 3, scan });
    expect(peak).toBe(3);
    expect(outcomes.map((o) => o.target)).toEqual(hosts.map((h) => h.target));
    expect(outcomes.every((o) => o.ok && o.score.score === 100)).toBe(true);
  });

  it('records a host whose scan throws and goes on with the others', async () => {
    const scan = async (input: ScanTargetInput) => {
      if (input.target.includes('bad'))
        throw new RampartError('RAMPART_ERR_SCAN_PREFLIGHT', 'identity "bob" failed');
      return fakeResult(input.target);
    };
    const outcomes = await scanHosts(
      [
        { target: 'http://bad.test', model },
        { target: 'http://good.test', model },
      ],
      { concurrency: 1, scan },
    );
    expect(outcomes[0]).toMatchObject({ ok: false, target: 'http://bad.test' });
    expect(outcomes[0]?.ok === false && (outcomes[0].error as RampartError).code).toBe(
      'RAMPART_ERR_SCAN_PREFLIGHT',
    );
    expect(outcomes[1]).toMatchObject({ ok: true, target: 'http://good.test' });
  });

  it('rejects a concurrency below 1 as misuse', async () => {
    await expect(scanHosts([], { concurrency: 0 })).rejects.toThrow(TypeError);
  });

  it('scans two real banks concurrently, each within its own scope, and scores the secure one higher', async () => {
    const vulnerable = createBankApi({});
    const secure = createBankApi({ secure: true });
    const urls = await Promise.all([vulnerable.listen({ port: 0 }), secure.listen({ port: 0 })]);
    try {
      const api = await bankModel();
      const progress = new Set<number>();
      const outcomes = await scanHosts(
        urls.map((target) => ({ target, model: api })),
        {
          concurrency: 2,
          identities: bankIdentities(),
          options: { requestsPerSecond: 1000, only: ['api1-bola', 'api8-security-headers'] },
          onProgress: (host) => progress.add(host),
        },
      );
      expect(progress).toEqual(new Set([0, 1]));
      const [bad, good] = outcomes;
      if (!bad?.ok || !good?.ok) throw new Error('both hosts should have been scanned');
      expect(bad.result.findings.some((f) => f.ruleId === 'api1-bola')).toBe(true);
      expect(good.result.findings.some((f) => f.ruleId === 'api1-bola')).toBe(false);
      expect(good.score.score).toBeGreaterThan(bad.score.score);
      expect(bad.result.scope.refused + good.result.scope.refused).toBe(0);
      expect(bad.result.findings.every((f) => f.location.target === urls[0])).toBe(true);
    } finally {
      await Promise.all([vulnerable.close(), secure.close()]);
    }
  });
});
