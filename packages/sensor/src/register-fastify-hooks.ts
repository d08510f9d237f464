import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Sensor } from './create-sensor.js';

/** The parts of a Fastify request the sensor reads; Fastify itself is not a dependency. */
export interface FastifyLikeRequest {
  readonly raw: IncomingMessage;
  /** Fastify ≥ 4.10: the matched route's options, `url` being its template (`/users/:id`). */
  readonly routeOptions?: { readonly url?: string };
  /** Fastify < 4.10: the matched route's template. */
  readonly routerPath?: string;
}

/** The parts of a Fastify instance the sensor uses. */
export interface FastifyLikeInstance {
  addHook(
    name: 'onRequest',
    hook: (request: FastifyLikeRequest, reply: { readonly raw: ServerResponse }, done: () => void) => void,
  ): unknown;
}

/**
 * Observes every request of a Fastify instance with an `onRequest` hook (Fastify has routed the request by
 * then, so the route template is known; the event itself is built when the raw response finishes). Call it on
 * the root instance, before registering routes, so that the hook is not encapsulated in a child context.
 */
export function registerFastifyHooks(fastify: FastifyLikeInstance, sensor: Sensor): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const target = request.raw.url;
    sensor.observe(request.raw, reply.raw, {
      target: () => target,
      route: () => request.routeOptions?.url ?? request.routerPath,
    });
    done();
  });
}
