import { isIP } from 'node:net';
import { HttpError } from './http-error.js';
import { parseStringField } from './parse-field.js';
import type { Route } from './route.js';
import { simulatePing } from './simulate-ping.js';

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Connectivity diagnostics for customers' payment terminals. */
export const diagnosticRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/diagnostics/ping',
    handle: async (bank, request) => {
      request.user();
      const host = parseStringField(await request.body(), 'host', { max: 255 });
      if (!bank.on('injection-command-ping') && !HOSTNAME.test(host) && isIP(host) === 0) {
        throw new HttpError(400, 'invalid_host', `host must be a hostname or an IP address, got "${host}"`);
      }
      request.json(200, { host, output: await simulatePing(host) });
    },
  },
];
