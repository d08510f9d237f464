import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appointmentRoutes } from './appointment-routes.js';
import { authRoutes } from './auth-routes.js';
import type { ClinicContext } from './clinic-context.js';
import { ClinicError } from './clinic-error.js';
import { createClinicState } from './create-clinic-state.js';
import { createRequestContext, readCookie, SESSION_COOKIE } from './create-request-context.js';
import { legacyRoutes } from './legacy-routes.js';
import { patientRoutes } from './patient-routes.js';
import { practitionerRoutes } from './practitioner-routes.js';
import { profileRoutes } from './profile-routes.js';
import { type FlawSwitchOptions, resolveEnabledFlaws } from './resolve-enabled-flaws.js';
import { API_BASE, type Route } from './route.js';
import {
  closeServer,
  compileRoutePattern,
  type LoopbackListenOptions,
  listenOnLoopback,
  type RoutePattern,
  SqlError,
} from '@rampart/example-demo-support';

/** The only address the clinic binds to. */
export const CLINIC_HOST = '127.0.0.1';
/** The portal's own web origin: the only one CORS allows while api8-cors-reflect-origin is off. */
export const PORTAL_ORIGIN = 'https://portal.harbor-clinic.example';
/** Requests per client (session, else address) per minute; always enforced and advertised with RateLimit headers. */
export const REQUESTS_PER_MINUTE = 3000;

/** How to build one clinic instance. */
export interface ClinicApiOptions extends FlawSwitchOptions {
  /**
   * The insurer's image origin: the one non-loopback origin the clinic may contact, and the only one card images
   * may come from while api7-insurance-card-ssrf is off.
   */
  readonly insurerOrigin?: string;
  /** The clock, in milliseconds since the epoch. */
  readonly now?: () => number;
}

/** A running (or ready to run) clinic. */
export interface ClinicApi {
  /** The flaw ids switched on in this instance. */
  readonly enabledFlaws: ReadonlySet<string>;
  readonly server: Server;
  /** Starts listening on 127.0.0.1 (`port` 0 = random) and resolves with the origin (the API is under /api/v2). */
  listen(options?: LoopbackListenOptions): Promise<string>;
  close(): Promise<void>;
}

const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: `${API_BASE}/health`,
    handle: (_clinic, request) => request.send(200, { status: 'ok' }),
  },
  ...authRoutes,
  ...profileRoutes,
  ...practitionerRoutes,
  ...appointmentRoutes,
  ...patientRoutes,
  ...legacyRoutes,
];

interface CompiledRoute extends RoutePattern {
  readonly route: Route;
}

function compile(route: Route): CompiledRoute {
  return { route, ...compileRoutePattern(route.path) };
}

function errorBody(status: number, code: string, title: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ status: String(status), code, title, ...extra }] };
}

/**
 * Builds the deliberately vulnerable clinic. Every flaw in flaws.json is on unless switched off through `secure`,
 * `disabled` or `enabled`; with `secure: true` the same endpoints behave correctly.
 */
export function createClinicApi(options: ClinicApiOptions = {}): ClinicApi {
  const flaws = resolveEnabledFlaws(options);
  const on = (id: string) => flaws.has(id);
  let insurerOrigin: string | undefined;
  if (options.insurerOrigin !== undefined) {
    try {
      insurerOrigin = new URL(options.insurerOrigin).origin;
    } catch {
      throw new TypeError(
        `insurerOrigin must be an absolute URL, got ${JSON.stringify(options.insurerOrigin)}`,
      );
    }
  }
  const clinic: ClinicContext = {
    state: createClinicState(),
    on,
    sessions: new Map(),
    loginFailures: new Map(),
    requestLog: new Map(),
    insurerOrigin,
    now: options.now ?? Date.now,
  };
  const routes = ROUTES.filter((route) => route.flaw === undefined || on(route.flaw)).map(compile);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const request = createRequestContext(clinic, req, res);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'no-store');
    const origin = req.headers.origin;
    if (origin !== undefined && (on('api8-cors-reflect-origin') || origin === PORTAL_ORIGIN)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'Origin');
    }
    if (request.method === 'OPTIONS') {
      res.writeHead(204, { allow: 'GET, POST, PATCH, DELETE, OPTIONS' });
      res.end();
      return;
    }
    try {
      const key = readCookie(req.headers.cookie, SESSION_COOKIE) ?? `ip:${req.socket.remoteAddress ?? ''}`;
      const now = clinic.now();
      const recent = (clinic.requestLog.get(key) ?? []).filter((at) => at > now - 60_000);
      const reset = Math.max(1, Math.ceil(((recent[0] ?? now) + 60_000 - now) / 1000));
      res.setHeader('ratelimit-limit', String(REQUESTS_PER_MINUTE));
      res.setHeader('ratelimit-reset', String(reset));
      if (recent.length >= REQUESTS_PER_MINUTE) {
        res.setHeader('ratelimit-remaining', '0');
        throw new ClinicError(429, 'rate_limited', `more than ${REQUESTS_PER_MINUTE} requests a minute`, {
          'retry-after': String(reset),
        });
      }
      recent.push(now);
      clinic.requestLog.set(key, recent);
      res.setHeader('ratelimit-remaining', String(REQUESTS_PER_MINUTE - recent.length));

      const path = request.url.pathname;
      const matching = routes
        .map((compiled) => ({ compiled, match: compiled.pattern.exec(path) }))
        .filter((candidate) => candidate.match !== null);
      const chosen = matching.find((candidate) => candidate.compiled.route.method === request.method);
      if (chosen === undefined) {
        if (matching.length > 0) {
          const allow = [...new Set(matching.map((candidate) => candidate.compiled.route.method))].join(', ');
          throw new ClinicError(405, 'method_not_allowed', `${request.method} is not allowed here`, {
            allow,
          });
        }
        throw new ClinicError(404, 'route_not_found', `nothing at ${request.method} ${path}`);
      }
      let params: Record<string, string>;
      try {
        params = Object.fromEntries(
          chosen.compiled.names.map((name, index) => [name, decodeURIComponent(chosen.match![index + 1]!)]),
        );
      } catch {
        throw new ClinicError(400, 'invalid_path', 'the path is not validly percent-encoded');
      }
      request.params = params;
      await chosen.compiled.route.handle(clinic, request);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof ClinicError) {
        request.send(error.status, errorBody(error.status, error.code, error.message), error.headers);
      } else if (on('api8-stack-trace-errors')) {
        // Flaw api8-stack-trace-errors: the exception goes to the client as it is.
        const failure = error instanceof Error ? error : new Error(String(error));
        request.send(
          500,
          errorBody(500, 'internal', 'Internal Server Error', {
            detail: failure.message,
            meta: {
              exception: failure.name,
              stack: failure.stack,
              ...(error instanceof SqlError ? { query: error.query } : {}),
            },
          }),
        );
      } else if (error instanceof SyntaxError) {
        request.send(400, errorBody(400, 'malformed_body', 'the request body is not valid JSON'));
      } else {
        request.send(500, errorBody(500, 'internal', 'something went wrong on our side'));
      }
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  return {
    enabledFlaws: flaws,
    server,
    listen: (options = {}) => listenOnLoopback(server, CLINIC_HOST, 'clinic demo', options),
    close: () => closeServer(server),
  };
}
