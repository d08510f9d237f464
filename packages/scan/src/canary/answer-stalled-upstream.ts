import type { ServerResponse } from 'node:http';
import type { CanaryHit } from './canary.js';

/** The longest a stalled answer holds the connection open (the canary never keeps a socket longer). */
export const MAX_STALL_MS = 10_000;
const DEFAULT_DRIP_INTERVAL_MS = 250;

/**
 * Upstream answers that misbehave in time (OWASP API10 / CWE-400): the connection is held open for `holdMs`
 * (at most {@link MAX_STALL_MS}) and then cut, so the answer never completes.
 *
 * - `drip`: `200` JSON headers at once, then one space (valid leading JSON whitespace) every `intervalMs`. A
 *   client whose only limit is an idle or headers timeout keeps waiting; only a total deadline stops it.
 * - `hang`: nothing at all, not even headers.
 *
 * A client with a deadline shorter than `holdMs` gives up first; one without waits until the cut.
 */
export type StalledUpstreamAnswer =
  | { readonly kind: 'drip'; readonly holdMs: number; readonly intervalMs?: number }
  | { readonly kind: 'hang'; readonly holdMs: number };

/**
 * Serves a {@link StalledUpstreamAnswer} on `res`. Timers are added to `timers` (the canary clears them on
 * close) and removed when the connection ends; `hit.bytesSent` counts the bytes dripped.
 */
export function answerStalledUpstream(
  hit: CanaryHit,
  res: ServerResponse,
  answer: StalledUpstreamAnswer,
  timers: Set<NodeJS.Timeout>,
): void {
  const holdMs = Math.max(0, Math.min(answer.holdMs, MAX_STALL_MS));
  let drip: NodeJS.Timeout | undefined;
  const stop = () => {
    clearTimeout(cut);
    timers.delete(cut);
    if (drip !== undefined) {
      clearInterval(drip);
      timers.delete(drip);
    }
  };
  const cut = setTimeout(() => {
    stop();
    // Cut without a complete body: the client sees a truncated answer or a reset, never a valid one.
    res.destroy();
  }, holdMs);
  timers.add(cut);
  res.on('close', stop);
  if (answer.kind === 'hang') return;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.flushHeaders();
  drip = setInterval(
    () => {
      if (res.destroyed) return;
      res.write(' ');
      hit.bytesSent += 1;
    },
    Math.max(10, answer.intervalMs ?? DEFAULT_DRIP_INTERVAL_MS),
  );
  timers.add(drip);
}
