import type { ApiEvent } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../make-event.fixture.js';
import { runDetector } from '../run-detector.fixture.js';
import { tokenMisuse } from './token-misuse.js';

const T0 = 1_700_000_000_000;
const use = (ip: string, ua: string, i: number, extra: Partial<ApiEvent> = {}): ApiEvent =>
  makeEvent({
    clientIp: ip,
    userAgent: ua,
    auth: 'success',
    identity: { subject: 'bob', method: 'jwt', credentialFingerprint: 'fp-bob-1' },
    time: T0 + i * 5000,
    ...extra,
  });

describe('token-misuse', () => {
  it('fires when one token is used from many networks', () => {
    const ips = ['198.51.100.7', '203.0.113.50', '192.0.2.33', '100.64.3.9', '45.33.12.1'];
    const signals = runDetector(
      tokenMisuse,
      ips.map((ip, i) => use(ip, 'okhttp/4.9', i)),
    );
    expect(signals).toHaveLength(2);
    expect(signals[0]!.actor).toEqual({ kind: 'credential', value: 'fp-bob-1' });
  });

  it('fires on an expired token replayed again and again', () => {
    const events = Array.from({ length: 10 }, (_, i) =>
      makeEvent({ auth: 'expired', clientIp: '198.51.100.8', time: T0 + i * 1000 }),
    );
    const signals = runDetector(tokenMisuse, events);
    expect(signals[0]!.targetClass).toBe('refused-token-replay');
    expect(signals[0]!.actor).toEqual({ kind: 'ip', value: '198.51.100.8' });
  });

  it('stays quiet for a phone hopping between its carrier pool and home Wi-Fi', () => {
    const ips = ['100.64.3.9', '100.64.3.77', '198.51.100.7', '100.64.3.12', '198.51.100.7'];
    const events = Array.from({ length: 50 }, (_, i) => use(ips[i % ips.length]!, 'BankApp/5.1 iOS', i));
    expect(runDetector(tokenMisuse, events)).toEqual([]);
  });

  it('stays quiet for a client that refreshes after one expired call', () => {
    const events = [makeEvent({ auth: 'expired', time: T0 }), use('198.51.100.7', 'web', 1)];
    expect(runDetector(tokenMisuse, events)).toEqual([]);
  });
});
