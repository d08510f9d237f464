import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Sensor } from './create-sensor.js';

/** The parts of an Express request the sensor reads; Express itself is not a dependency. */
export interface ExpressLikeRequest extends IncomingMessage {
  /** The URL as received; Express rewrites `url` inside mounted routers. */
  originalUrl?: string;
  /** The mount path of the router that handled the request. */
  baseUrl?: string;
  /** The matched route, set by Express's router. */
  route?: { path?: unknown };
}

/**
 * Express (and Connect-style) middleware: `app.use(createExpressMiddleware(sensor))`, before the routes.
 * It records the route template Express matched (`baseUrl` + `route.path`, e.g. `/api/users/:id`) and the URL
 * as received. It calls `next()` synchronously and never passes an error to it.
 */
export function createExpressMiddleware(
  sensor: Sensor,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    const r = req as ExpressLikeRequest;
    const target = r.originalUrl ?? r.url;
    sensor.observe(req, res, {
      target: () => target,
      route: () => (typeof r.route?.path === 'string' ? `${r.baseUrl ?? ''}${r.route.path}` : undefined),
    });
    next();
  };
}
