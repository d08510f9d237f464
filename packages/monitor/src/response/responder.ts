import type { Alert } from '@rampart/core';

/** What a responder did about one alert. */
export interface ResponseAction {
  readonly action: 'blocked' | 'skipped';
  /** The blocklist entry (`ip:203.0.113.7`), when blocked. */
  readonly entry?: string;
  /** Epoch ms when the block lapses. */
  readonly until?: number;
  /** Why it was skipped: below the severity threshold, allowlisted, loopback, not blockable. */
  readonly reason?: string;
}

/** Acts on alerts as they open or escalate. Failures are reported through the promise, never thrown. */
export interface Responder {
  respond(alert: Alert): Promise<ResponseAction>;
}
