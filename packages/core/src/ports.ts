import type { Alert } from './alert.js';
import type { ApiEvent } from './event.js';
import type { Finding } from './finding.js';

/** Where events go: the in-process bus, a Redis stream, a sensor's collector client. */
export interface EventSink {
  emit(event: ApiEvent): void;
  /** Resolves when everything emitted so far has been handed on. */
  flush?(): Promise<void>;
  close?(): Promise<void>;
}

/** Where events come from, for monitor workers. */
export interface EventSource {
  subscribe(handler: (events: readonly ApiEvent[]) => Promise<void> | void): () => void;
}

/** Shared counters for rate limits: memory in one process, Redis across many. */
export interface CounterStore {
  /**
   * Atomically adds `cost` to the window `key` (created with `windowMs` to live) unless that would exceed `limit`.
   * Returns whether it was admitted, what remains, and when the window resets (epoch ms).
   */
  consume(
    key: string,
    cost: number,
    limit: number,
    windowMs: number,
  ): Promise<{ allowed: boolean; remaining: number; resetAt: number }>;
}

/** Actors the gateway must refuse, fed by the monitor's responses. */
export interface Blocklist {
  add(actor: string, ttlMs: number, reason: string): Promise<void>;
  has(actor: string): Promise<boolean>;
  remove(actor: string): Promise<void>;
}

/** Durable storage for findings, events and alerts. */
export interface Store {
  saveEvents(events: readonly ApiEvent[]): Promise<void>;
  saveFindings(runId: string, findings: readonly Finding[]): Promise<void>;
  saveAlert(alert: Alert): Promise<void>;
  close(): Promise<void>;
}
