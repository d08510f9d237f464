import type { BankContext, RequestContext } from './bank-context.js';
import { HttpError } from './http-error.js';

/** Password-reset requests one client address may make per minute for one username. */
export const RESET_REQUESTS_PER_MINUTE = 5;
const WINDOW_MS = 60_000;

// One log per bank instance, kept beside the context rather than in it: client address + username -> times.
const logs = new WeakMap<BankContext, Map<string, number[]>>();

/**
 * The client address the password-reset limit is keyed by: the socket's peer address; with flaw
 * api4-reset-limit-xff-bypass on, the first `X-Forwarded-For` address when the request has one (a header any
 * client can set, trusted as if a proxy had written it: CWE-348).
 */
function clientAddress(bank: BankContext, request: RequestContext): string {
  const socket = request.req.socket.remoteAddress ?? '';
  if (!bank.on('api4-reset-limit-xff-bypass')) return socket;
  const forwarded = request.req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || socket;
}

/**
 * Counts one password-reset request for `username` against its client address and throws a 429 with
 * Retry-After (and `RateLimit-Remaining: 0`) when that address asked for that username
 * {@link RESET_REQUESTS_PER_MINUTE} times in the last minute. Every code sent costs an SMS, so the limit
 * applies in every mode. Keyed by username too, so that a scanner's probes of other names (all from one
 * address) do not use up the allowance of the account it later tests.
 */
export function limitResetRequests(bank: BankContext, request: RequestContext, username: string): void {
  let log = logs.get(bank);
  if (log === undefined) {
    log = new Map();
    logs.set(bank, log);
  }
  const key = `${clientAddress(bank, request)}\n${username}`;
  const now = bank.now();
  const recent = (log.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
  if (recent.length >= RESET_REQUESTS_PER_MINUTE) {
    log.set(key, recent);
    const retryAfter = Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
    throw new HttpError(
      429,
      'too_many_requests',
      `more than ${RESET_REQUESTS_PER_MINUTE} password-reset requests per minute for this account from this client; try again later`,
      { 'retry-after': String(retryAfter), 'ratelimit-remaining': '0' },
    );
  }
  recent.push(now);
  log.set(key, recent);
}
