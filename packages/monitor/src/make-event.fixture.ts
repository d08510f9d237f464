import type { ApiEvent } from '@rampart/core';

let sequence = 0;

/** A plausible `ApiEvent` for tests: `GET /` from 198.51.100.1 answered 200, with `overrides` applied. */
export function makeEvent(overrides: Partial<ApiEvent> = {}): ApiEvent {
  sequence++;
  const path = overrides.path ?? '/';
  return {
    id: `evt-${sequence}`,
    time: 1_700_000_000_000 + sequence,
    origin: 'test',
    method: 'GET',
    rawPath: path,
    path,
    status: 200,
    latencyMs: 5,
    requestSize: 0,
    responseSize: 512,
    clientIp: '198.51.100.1',
    auth: 'none',
    verdict: 'allow',
    requestHeaders: {},
    responseHeaders: {},
    ...overrides,
  };
}
