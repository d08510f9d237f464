import type { Canary } from '../canary/canary.js';
import { defineCheck } from '../define-check.js';
import type { IdentitySession } from '../identities/identity-session.js';
import type { ScanResponse } from '../transport/scan-transport.js';
import type { UpstreamConsumer } from '../upstream/discover-upstream-consumers.js';
import { prepareUpstreamProbe } from '../upstream/prepare-upstream-probe.js';

/**
 * How long the stalled upstream holds the connection. An API that answers only after this waited for the
 * whole stall: it has no deadline on the call, or one longer than this (a provider call that may take more than
 * 4 s ties a worker up that long per request).
 */
export const UPSTREAM_STALL_MS = 3000;
/** Timer slack: the API's answer may be measured a little under the canary's hold. */
const SLACK_MS = 150;
const DRIP_INTERVAL_MS = 200;

interface Timed {
  readonly consumer: UpstreamConsumer;
  readonly normal: ScanResponse;
}

/** Sends every consumer's request at once while the upstream stalls (one stall period for all of them). */
async function sendStalled(
  canary: Canary,
  session: IdentitySession,
  consumers: readonly UpstreamConsumer[],
): Promise<ScanResponse[]> {
  canary.answerUpstream({ kind: 'drip', holdMs: UPSTREAM_STALL_MS, intervalMs: DRIP_INTERVAL_MS });
  return Promise.all(consumers.map((c) => session.send(c.request)));
}

const waitedWholeStall = (response: ScanResponse) => response.durationMs >= UPSTREAM_STALL_MS - SLACK_MS;

export const api10UpstreamTimeout = defineCheck({
  id: 'api10-upstream-timeout',
  title: 'No time limit on calls to a third-party API',
  severity: 'medium',
  owasp: 'API10',
  cwe: 400,
  maxRequests: 60,
  description:
    "The canary's upstream listener plays the API's third party (its configured provider, and URLs handed to " +
    'URL-taking inputs). It first answers normally, then stalls: JSON headers at once, a space every 200 ms ' +
    `(defeating idle and headers-only timeouts) and a cut after ${UPSTREAM_STALL_MS / 1000} s without a ` +
    'complete body. Every consumer is called at once during the stall. An operation that normally answers ' +
    `quickly but answers only after the whole ${UPSTREAM_STALL_MS / 1000} s waited for its upstream without ` +
    'a deadline; the stall is repeated once, for all of them at once, to confirm.',
  remediation:
    'Give every outgoing call a total deadline (connect, headers and body together; a few seconds at most), ' +
    'not only an idle timeout, answer 502/504 when it passes, and bound concurrent upstream calls so a slow ' +
    'provider cannot exhaust the workers.',
  async run(ctx) {
    const probe = await prepareUpstreamProbe(ctx);
    if (probe === undefined) return;
    const { canary, session, consumers, benign } = probe;
    try {
      // Normal timing first: an operation that is slow anyway says nothing about its upstream deadline.
      canary.answerUpstream({ kind: 'json', body: benign });
      const timed: Timed[] = [];
      for (const consumer of consumers) {
        const normal = await session.send(consumer.request);
        if (normal.status !== 429 && normal.durationMs < UPSTREAM_STALL_MS / 4)
          timed.push({ consumer, normal });
      }
      if (timed.length === 0) return;
      const stalled = await sendStalled(
        canary,
        session,
        timed.map((t) => t.consumer),
      );
      const waited = timed.filter((_, i) => stalled[i]!.status !== 429 && waitedWholeStall(stalled[i]!));
      if (waited.length === 0) return;
      // The re-confirmation: one more stall for all of them at once (each stall costs its full length).
      const again = await sendStalled(
        canary,
        session,
        waited.map((t) => t.consumer),
      );
      for (const [index, { consumer, normal }] of waited.entries()) {
        const response = stalled[timed.findIndex((t) => t.consumer === consumer)]!;
        const repeated = again[index]!;
        const { operation } = consumer;
        const where = `${operation.method.toUpperCase()} ${operation.path}`;
        const upstream = consumer.via === 'url' ? 'the URL it was given' : 'its provider';
        await ctx.report({
          operation,
          message: `${where} waits for ${upstream} without a deadline: while the upstream trickled an answer that never completed, it answered ${response.status} only after ${Math.round(response.durationMs)} ms, when the canary cut the connection (normally ${Math.round(normal.durationMs)} ms)`,
          summary: `the canary upstream sent JSON headers, then a space every ${DRIP_INTERVAL_MS} ms, and cut the connection after ${UPSTREAM_STALL_MS} ms; the API answered after ${Math.round(response.durationMs)} ms (and ${Math.round(repeated.durationMs)} ms the second time) instead of giving up earlier`,
          oracle: 'upstream-stall-waited',
          confidence: 'firm',
          responses: [normal, response],
          tags: ['unsafe-consumption', 'resource-consumption', 'timeout'],
          confirm: async () => waitedWholeStall(repeated),
        });
      }
    } finally {
      canary.answerUpstream({ kind: 'json', body: benign });
    }
  },
});
