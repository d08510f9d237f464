import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { accountRoutes } from './account-routes.js';
import { accountTransactionRoutes } from './account-transaction-routes.js';
import { adminRoutes } from './admin-routes.js';
import { authRoutes } from './auth-routes.js';
import type { BankContext, OtpMessage } from './bank-context.js';
import { cardRoutes } from './card-routes.js';
import { createBankState } from './create-bank-state.js';
import { createRequestContext } from './create-request-context.js';
import { diagnosticRoutes } from './diagnostic-routes.js';
import { isFetchPermitted } from './fetch-guarded.js';
import { HttpError } from './http-error.js';
import { integrationRoutes } from './integration-routes.js';
import { operationsRoutes } from './operations-routes.js';
import { partnerRoutes } from './partner-routes.js';
import { registerRoutes } from './register-routes.js';
import { type FlawSwitchOptions, resolveEnabledFlaws } from './resolve-enabled-flaws.js';
import { rewardRoutes } from './reward-routes.js';
import type { Route } from './route.js';
import {
  closeServer,
  compileRoutePattern,
  type LoopbackListenOptions,
  listenOnLoopback,
  type RoutePattern,
  SqlError,
} from '@rampart/example-demo-support';
import { statementRoutes } from './statement-routes.js';
import { transactionRoutes } from './transaction-routes.js';
import { transferRoutes } from './transfer-routes.js';
import { userProfileRoutes } from './user-profile-routes.js';
import { userRoutes } from './user-routes.js';
import { webhookRoutes } from './webhook-routes.js';
import { withDebugParam } from './with-debug-param.js';

/** The only address the demo binds to. */
export const BANK_HOST = '127.0.0.1';
/** The HS256 secret used while api2-jwt-weak-secret is on (it is in every common password list). */
export const WEAK_JWT_SECRET = 'secret1';
/** Requests per client per minute while api4-no-rate-limit is off. */
export const RATE_LIMIT_PER_MINUTE = 50;

/** How to build one bank instance. */
export interface BankApiOptions extends FlawSwitchOptions {
  /**
   * The one non-loopback origin the bank may ever contact, and the "partner" origin that is allowlisted for
   * imports, avatars and webhooks when the SSRF flaws are off. Outgoing requests go nowhere else but loopback.
   */
  readonly canaryUrl?: string;
  /** KYC provider endpoint (POST). Defaults to `<canary origin>/kyc/verify` when a canary is set. */
  readonly kycUrl?: string;
  /** Exchange-rate provider endpoint (GET, `?base=EUR` is appended). Defaults to `<canary origin>/rates`. */
  readonly ratesUrl?: string;
  /** The clock, in milliseconds since the epoch (tests move it to expire tokens). */
  readonly now?: () => number;
  /** Receives the one-time codes a real bank would text to the customer. */
  readonly sendOtp?: (message: OtpMessage) => void;
}

/** A running (or ready to run) bank. */
export interface BankApi {
  /** The flaw ids switched on in this instance. */
  readonly enabledFlaws: ReadonlySet<string>;
  readonly server: Server;
  /** Starts listening on 127.0.0.1 (`port` 0 = random) and resolves with the base URL. */
  listen(options?: LoopbackListenOptions): Promise<string>;
  /** Stops listening, drops open connections and waits for webhook deliveries in flight. */
  close(): Promise<void>;
}

const ROUTES: readonly Route[] = [
  ...authRoutes,
  ...registerRoutes,
  ...userRoutes,
  ...accountRoutes,
  ...withDebugParam(cardRoutes),
  ...transactionRoutes,
  ...transferRoutes,
  ...statementRoutes,
  ...rewardRoutes,
  ...webhookRoutes,
  ...integrationRoutes,
  ...diagnosticRoutes,
  ...adminRoutes,
  ...operationsRoutes,
  ...partnerRoutes,
  ...accountTransactionRoutes,
  ...userProfileRoutes,
];

interface CompiledRoute extends RoutePattern {
  readonly route: Route;
}

function compile(route: Route): CompiledRoute {
  return { route, ...compileRoutePattern(route.path) };
}

function parseOptionalUrl(name: string, value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // reported below
  }
  throw new TypeError(`${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
}

/**
 * Builds the deliberately vulnerable bank. Every flaw in flaws.json is on unless switched off through
 * `secure`, `disabled` or `enabled`; with `secure: true` the same endpoints behave correctly.
 */
export function createBankApi(options: BankApiOptions = {}): BankApi {
  const flaws = resolveEnabledFlaws(options);
  const on = (id: string) => flaws.has(id);
  const canary = parseOptionalUrl('canaryUrl', options.canaryUrl);
  const canaryOrigin = canary?.origin;
  const providerUrl = (name: string, value: string | undefined, path: string): string | undefined => {
    const url = parseOptionalUrl(name, value) ?? (canary ? new URL(path, canary) : undefined);
    if (url !== undefined && !isFetchPermitted(url, canaryOrigin)) {
      throw new TypeError(`${name} must be a loopback URL or on the canary origin, got "${url.href}"`);
    }
    return url?.href;
  };
  const bank: BankContext = {
    state: createBankState(),
    on,
    jwtSecret: on('api2-jwt-weak-secret') ? WEAK_JWT_SECRET : randomBytes(32).toString('base64url'),
    now: options.now ?? Date.now,
    canaryOrigin,
    kycUrl: providerUrl('kycUrl', options.kycUrl, '/kyc/verify'),
    ratesUrl: providerUrl('ratesUrl', options.ratesUrl, '/rates'),
    sendOtp: options.sendOtp ?? (() => {}),
    revokedTokens: new Set(),
    loginFailures: new Map(),
    resetCodes: new Map(),
    stepUpCodes: new Map(),
    requestLog: new Map(),
    redeemedCoupons: new Set(),
    redeemedReferrals: new Set(),
    deliveries: new Set(),
  };
  const routes = ROUTES.filter((route) => route.flaw === undefined || on(route.flaw)).map(compile);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let method = (req.method ?? 'GET').toUpperCase();
    const override = req.headers['x-http-method-override'];
    if (on('api5-method-override') && method === 'POST' && typeof override === 'string') {
      method = override.toUpperCase();
    }
    const request = createRequestContext(bank, req, res, method);

    if (on('api8-missing-security-headers')) {
      res.setHeader('x-powered-by', 'BankCore/1.4.2 Node.js');
    } else {
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'no-store');
      res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
      res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      res.setHeader('x-frame-options', 'DENY');
      res.setHeader('referrer-policy', 'no-referrer');
    }
    const origin = req.headers.origin;
    if (on('api8-cors-reflect-origin') && origin !== undefined) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'Origin');
    }
    if (method === 'OPTIONS') {
      if (on('api8-cors-reflect-origin')) {
        res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
        res.setHeader(
          'access-control-allow-headers',
          String(req.headers['access-control-request-headers'] ?? '*'),
        );
      }
      res.writeHead(204, { allow: 'GET, POST, PUT, PATCH, DELETE, OPTIONS' });
      res.end();
      return;
    }
    if (method === 'TRACE') {
      if (!on('api8-trace-enabled')) {
        request.json(
          405,
          { error: 'method_not_allowed', message: 'TRACE is not supported' },
          { allow: 'GET, POST' },
        );
        return;
      }
      const lines = [`TRACE ${req.url ?? '/'} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      request.text(200, `${lines.join('\r\n')}\r\n\r\n`, 'message/http');
      return;
    }

    try {
      if (!on('api4-no-rate-limit')) {
        const key = req.headers.authorization ?? `ip:${req.socket.remoteAddress ?? ''}`;
        const since = bank.now() - 60_000;
        const recent = (bank.requestLog.get(key) ?? []).filter((at) => at > since);
        const reset = Math.max(1, Math.ceil(((recent[0] ?? bank.now()) + 60_000 - bank.now()) / 1000));
        res.setHeader('ratelimit-limit', String(RATE_LIMIT_PER_MINUTE));
        res.setHeader('ratelimit-reset', String(reset));
        if (recent.length >= RATE_LIMIT_PER_MINUTE) {
          res.setHeader('ratelimit-remaining', '0');
          throw new HttpError(429, 'rate_limited', `more than ${RATE_LIMIT_PER_MINUTE} requests per minute`, {
            'retry-after': String(reset),
          });
        }
        recent.push(bank.now());
        bank.requestLog.set(key, recent);
        res.setHeader('ratelimit-remaining', String(RATE_LIMIT_PER_MINUTE - recent.length));
      }

      const path = request.url.pathname;
      const matching = routes
        .map((compiled) => ({ compiled, match: compiled.pattern.exec(path) }))
        .filter((candidate) => candidate.match !== null);
      const chosen = matching.find((candidate) => candidate.compiled.route.method === method);
      if (chosen === undefined) {
        if (matching.length > 0) {
          const allow = [...new Set(matching.map((candidate) => candidate.compiled.route.method))].join(', ');
          throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${path}`, { allow });
        }
        throw new HttpError(404, 'not_found', `no operation at ${method} ${path}`);
      }
      request.params = Object.fromEntries(
        chosen.compiled.names.map((name, index) => [name, decodeURIComponent(chosen.match![index + 1]!)]),
      );
      await chosen.compiled.route.handle(bank, request);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const correlationId = request.correlationId;
      if (error instanceof HttpError) {
        request.json(
          error.status,
          { error: error.code, message: error.message, correlationId },
          error.headers,
        );
      } else if (error instanceof SqlError) {
        if (on('injection-sql-error')) {
          request.json(500, { error: 'database_error', message: error.message, query: error.query });
        } else {
          request.json(500, {
            error: 'internal_error',
            message: 'an unexpected error occurred',
            correlationId,
          });
        }
      } else if (on('api8-stack-trace-errors')) {
        const failure = error instanceof Error ? error : new Error(String(error));
        request.json(500, { error: 'internal_error', message: failure.message, stack: failure.stack });
      } else if (error instanceof SyntaxError) {
        request.json(400, {
          error: 'invalid_json',
          message: 'the request body is not valid JSON',
          correlationId,
        });
      } else {
        request.json(500, {
          error: 'internal_error',
          message: 'an unexpected error occurred',
          correlationId,
        });
      }
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  return {
    enabledFlaws: flaws,
    server,
    listen: (options = {}) => listenOnLoopback(server, BANK_HOST, 'vulnerable bank', options),
    close: async () => {
      await Promise.all([...bank.deliveries]);
      await closeServer(server);
    },
  };
}
