import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Sensor } from './create-sensor.js';

/**
 * Wraps a `node:http` request listener so that every request it handles is observed:
 * `http.createServer(wrapRequestListener(sensor, handler))`. The handler is called exactly as before.
 */
export function wrapRequestListener<
  Request extends typeof IncomingMessage = typeof IncomingMessage,
  Response extends typeof ServerResponse<InstanceType<Request>> = typeof ServerResponse,
>(sensor: Sensor, listener: RequestListener<Request, Response>): RequestListener<Request, Response> {
  return (req, res) => {
    sensor.observe(req, res);
    return listener(req, res);
  };
}
