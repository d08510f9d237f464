import type { Actor, ApiEvent } from '@rampart/core';
import { defineDetector } from '../define-detector.js';
import type { DetectionSignal } from '../detection-signal.js';
import { NO_SIGNALS } from '../no-signals.js';
import { readUsername } from '../read-username.js';
import { createLruMap } from '../state/create-lru-map.js';
import {
  createSlidingWindowCounter,
  type SlidingWindowCounter,
} from '../state/create-sliding-window-counter.js';
import { createWindowedCountMinSketch } from '../state/create-windowed-count-min-sketch.js';
import {
  createWindowedDistinctCounter,
  type WindowedDistinctCounter,
} from '../state/create-windowed-distinct-counter.js';

export interface CredentialStuffingOptions {
  /** Regex (case-insensitive) on the route template that marks a login endpoint. */
  readonly loginRoute: string;
  readonly windowMs: number;
  /** Failed logins from one address that make a brute-force attempt (few usernames). */
  readonly addressFailures: number;
  /** Distinct usernames tried from one address (with `failureRatio` failing) that make stuffing or spraying. */
  readonly distinctUsernames: number;
  /** Minimum share of failed attempts for the per-address rules. */
  readonly failureRatio: number;
  /** At most this many attempts per username on average (with many usernames) is spraying, not stuffing. */
  readonly sprayAttemptsPerUsername: number;
  /** Failed logins for one username, from any address, that put the account under brute force. */
  readonly usernameFailures: number;
  /** Failed attempts with one credential fingerprint (the same pair retried, e.g. HTTP Basic). */
  readonly credentialFailures: number;
}

interface AddressState {
  readonly attempts: SlidingWindowCounter;
  readonly failures: SlidingWindowCounter;
  readonly usernames: WindowedDistinctCounter;
}

export const credentialStuffing = defineDetector<CredentialStuffingOptions>({
  id: 'credential-stuffing',
  title: 'Credential stuffing, password spraying or brute force',
  severity: 'high',
  owasp: 'API2',
  cwe: 307,
  description:
    'Watches login attempts (POST to a login-like route, or a refused HTTP Basic credential) and counts, in a ' +
    'sliding window, failures and distinct usernames per address, failures per username (count-min sketch, any ' +
    'address) and per credential fingerprint. Many usernames from one address with mostly failures is stuffing ' +
    '(or spraying when each username gets only a few tries); many failures for few usernames is brute force; a ' +
    'success from an address already flagged is a likely account takeover (critical). Usernames come from the ' +
    'redacted body sample or the query; passwords never reach an event.',
  defaults: {
    loginRoute:
      '(^|/)(login|log-in|signin|sign-in|sign_in|logon|authenticate|auth|session|sessions|token|oauth/token)/?$',
    windowMs: 10 * 60_000,
    addressFailures: 20,
    distinctUsernames: 8,
    failureRatio: 0.6,
    sprayAttemptsPerUsername: 2,
    usernameFailures: 10,
    credentialFailures: 5,
  },
  create({ options, routes, limits }) {
    const loginRoute = new RegExp(options.loginRoute, 'i');
    const isLoginTemplate = createLruMap<string, boolean>(4096);
    const addresses = createLruMap<string, AddressState>(limits.maxTrackedKeys);
    const usernameFailures = createWindowedCountMinSketch(options.windowMs, 8192, 4);
    const credentialFailures = createWindowedCountMinSketch(options.windowMs, 8192, 4);

    const isLogin = (event: ApiEvent): boolean => {
      if (event.auth === 'invalid' && /^basic /i.test(event.requestHeaders['authorization'] ?? ''))
        return true;
      if (event.method !== 'POST') return false;
      const template = routes.resolve(event).template;
      let login = isLoginTemplate.get(template);
      if (login === undefined) {
        login = loginRoute.test(template);
        isLoginTemplate.set(template, login);
      }
      return login;
    };

    return {
      observe(event, now) {
        if (!isLogin(event)) return NO_SIGNALS;
        const failed = event.status === 401 || event.status === 403 || event.auth === 'invalid';
        const succeeded = event.status >= 200 && event.status < 300 && !failed;
        if (!failed && !succeeded) return NO_SIGNALS;
        const username = readUsername(event);
        const ip: Actor = { kind: 'ip', value: event.clientIp };
        let state = addresses.get(event.clientIp);
        if (state === undefined) {
          state = {
            attempts: createSlidingWindowCounter(options.windowMs, 5),
            failures: createSlidingWindowCounter(options.windowMs, 5),
            usernames: createWindowedDistinctCounter({ windowMs: options.windowMs, exactLimit: 64 }),
          };
          addresses.set(event.clientIp, state);
        }
        const attempts = state.attempts.add(now);
        const failures = failed ? state.failures.add(now) : state.failures.total(now);
        const usernames =
          username !== undefined ? state.usernames.add(username, now) : state.usernames.estimate(now);
        const failureShare = failures / Math.max(1, attempts);
        const target = routes.resolve(event).endpoint;
        const details = {
          attempts,
          failures,
          distinctUsernames: Math.round(usernames),
          failureShare: Math.round(failureShare * 100) / 100,
        };
        const minutes = Math.round(options.windowMs / 60_000);

        const manyUsers = usernames >= options.distinctUsernames && failureShare >= options.failureRatio;
        const bruteForce =
          !manyUsers && failures >= options.addressFailures && failureShare >= options.failureRatio;
        const signals: DetectionSignal[] = [];
        if (manyUsers || bruteForce) {
          const perUser = attempts / Math.max(1, usernames);
          const kind = bruteForce
            ? 'brute force'
            : perUser <= options.sprayAttemptsPerUsername && attempts / minutes < 10
              ? 'password spraying'
              : 'credential stuffing';
          if (succeeded) {
            signals.push({
              actor: ip,
              target,
              targetClass: 'account-takeover',
              severity: 'critical',
              summary: `login succeeded${username ? ` for ${username}` : ''} from an address doing ${kind} (${failures} failures, ${Math.round(usernames)} usernames in ${minutes} min)`,
              eventIds: [event.id],
              details: { ...details, kind, username },
            });
          } else {
            signals.push({
              actor: ip,
              target,
              summary: `${kind}: ${failures} failed logins for ${Math.round(usernames)} usernames in ${minutes} min`,
              eventIds: [event.id],
              details: { ...details, kind },
            });
          }
        }
        if (failed && username !== undefined) {
          const perUsername = usernameFailures.add(username, now);
          if (perUsername >= options.usernameFailures) {
            signals.push({
              actor: { kind: 'principal', value: username },
              target: `account ${username}`,
              targetClass: 'account-under-attack',
              severity: 'medium',
              blockable: false,
              summary: `${Math.round(perUsername)} failed logins for ${username} in ${minutes} min, latest from ${event.clientIp}`,
              eventIds: [event.id],
              details: { failures: Math.round(perUsername), latestAddress: event.clientIp },
            });
          }
        }
        const fingerprint = event.identity?.credentialFingerprint;
        if (failed && fingerprint !== undefined) {
          const perCredential = credentialFailures.add(fingerprint, now);
          if (perCredential >= options.credentialFailures) {
            signals.push({
              actor: ip,
              target,
              targetClass: 'credential-retry',
              summary: `one credential failed ${Math.round(perCredential)} times in ${minutes} min`,
              eventIds: [event.id],
              details: { credentialFailures: Math.round(perCredential), credentialFingerprint: fingerprint },
            });
          }
        }
        return signals.length === 0 ? NO_SIGNALS : signals;
      },
    };
  },
});
