import { createServer, type Server } from 'node:http';

/** What the admin listener asks the gateway. */
export interface AdminProbe {
  /** Ready: configuration loaded, not shutting down, at least one upstream healthy. */
  readiness(): { readonly ready: boolean; readonly reason?: string };
  metrics(): string;
}

/**
 * The admin listener: `GET /healthz` (the process answers), `GET /readyz` (ready to take traffic, else 503) and
 * `GET /metrics` (Prometheus text format). Bound to loopback by default because metrics reveal routes and
 * upstreams; everything else is 404.
 */
export function createAdminServer(probe: AdminProbe): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, {
        'content-type': type,
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed\n');
    if (path === '/healthz') return send(200, 'application/json', '{"status":"ok"}\n');
    if (path === '/readyz') {
      const r = probe.readiness();
      return send(
        r.ready ? 200 : 503,
        'application/json',
        `${JSON.stringify(r.ready ? { status: 'ready' } : { status: 'not-ready', reason: r.reason })}\n`,
      );
    }
    if (path === '/metrics') return send(200, 'text/plain; version=0.0.4; charset=utf-8', probe.metrics());
    return send(404, 'text/plain', 'not found\n');
  });
}
