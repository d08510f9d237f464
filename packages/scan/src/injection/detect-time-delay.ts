import type { ScanResponse } from '../transport/scan-transport.js';

/** What a confirmed delay looked like. */
export interface TimeDelayProof {
  readonly baselineMs: number;
  readonly responses: readonly ScanResponse[];
  readonly delays: readonly number[];
}

/** The share of an asked-for delay that must show up on top of the slowest baseline answer. */
const SHARE = 0.85;

/**
 * Time-based proof: `send(seconds)` asks the target to sleep; the answer must come at least 85 % of the delay
 * later than the slowest baseline answer, for each of two different delays (default 1 s, then 2 s), and the
 * longer delay must take longer than the shorter one. A target that is merely slow fails the second test.
 * Answers 429 or 5xx without delay end the probe (inconclusive).
 */
export async function detectTimeDelay(
  send: (seconds: number) => Promise<ScanResponse>,
  baselineMs: number,
  delays: readonly [number, number] = [1, 2],
): Promise<TimeDelayProof | undefined> {
  const responses: ScanResponse[] = [];
  for (const seconds of delays) {
    const response = await send(seconds);
    responses.push(response);
    if (response.status === 429) return undefined;
    if (response.durationMs < baselineMs + SHARE * seconds * 1000) return undefined;
  }
  const [first, second] = responses as [ScanResponse, ScanResponse];
  if (second.durationMs - first.durationMs < SHARE * (delays[1] - delays[0]) * 1000 * 0.5) return undefined;
  return { baselineMs, responses, delays };
}
