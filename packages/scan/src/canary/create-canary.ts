import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerStalledUpstream } from './answer-stalled-upstream.js';
import type { Canary, CanaryHit, UpstreamAnswer } from './canary.js';

/** Options of {@link createCanary}. */
export interface CanaryOptions {
  /** Address to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Ports (default 0: any free port). */
  readonly probePort?: number;
  readonly upstreamPort?: number;
  /** The URLs targets are told to use when they cannot reach `host` (a tunnel or public host in front). */
  readonly publicProbeUrl?: string;
  readonly publicUpstreamUrl?: string;
}

const MAX_HITS = 2000;
const MAX_BODY = 64 * 1024;
const MAX_OVERSIZED = 32 * 1024 * 1024;
const MAX_DELAY_MS = 10_000;
const CHUNK = 64 * 1024;
const TOKEN = /(rc[0-9a-z]{6,}x[0-9a-z]{8})/;

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
    });
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size < MAX_BODY) chunks.push(chunk.subarray(0, MAX_BODY - size));
      size += chunk.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/**
 * Starts the scan's canary: two `node:http` listeners (probe and upstream, see {@link Canary}) on 127.0.0.1,
 * port 0 unless told otherwise. Every request is recorded (bounded) with the token its path carries. The
 * caller stops it with `close()`.
 */
export async function createCanary(options: CanaryOptions = {}): Promise<Canary> {
  const host = options.host ?? '127.0.0.1';
  const hits: CanaryHit[] = [];
  const waiters = new Set<{ tokens: readonly string[]; resolve: (hit: CanaryHit | undefined) => void }>();
  let sequence = 0;
  let upstreamAnswer: UpstreamAnswer = { kind: 'json', body: {} };
  const timers = new Set<NodeJS.Timeout>();

  const record = async (listener: CanaryHit['listener'], req: IncomingMessage) => {
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const url = req.url ?? '/';
    const token = TOKEN.exec(url)?.[1];
    const hit: CanaryHit = {
      listener,
      sequence: ++sequence,
      method: req.method ?? 'GET',
      url,
      headers,
      body,
      ...(token ? { token } : {}),
      bytesSent: 0,
      receivedAt: Date.now(),
    };
    hits.push(hit);
    if (hits.length > MAX_HITS) hits.shift();
    for (const waiter of waiters) {
      if (token !== undefined && waiter.tokens.includes(token)) {
        waiters.delete(waiter);
        waiter.resolve(hit);
      }
    }
    return hit;
  };

  const redirect = (hit: CanaryHit, res: ServerResponse): boolean => {
    const match = /^\/redirect\/[0-9a-z]+\?to=(.+)$/.exec(hit.url);
    if (match === null) return false;
    res.writeHead(302, { location: decodeURIComponent(match[1]!), 'content-length': '0' });
    res.end();
    return true;
  };

  const probe = createServer((req, res) => {
    void record('probe', req).then((hit) => {
      if (redirect(hit, res)) return;
      const text = `rampart-canary ${hit.token ?? 'no-token'}\n`;
      hit.bytesSent = text.length;
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    });
  });

  const answer = (hit: CanaryHit, res: ServerResponse, current: UpstreamAnswer) => {
    switch (current.kind) {
      case 'json':
      case 'slow': {
        const text = JSON.stringify(current.body);
        const send = () => {
          if (res.destroyed) return;
          hit.bytesSent = text.length;
          res.end(text);
        };
        res.writeHead(current.kind === 'json' ? (current.status ?? 200) : 200, {
          'content-type': 'application/json',
        });
        if (current.kind === 'json') send();
        else {
          res.flushHeaders();
          const timer = setTimeout(
            () => {
              timers.delete(timer);
              send();
            },
            Math.min(current.delayMs, MAX_DELAY_MS),
          );
          timers.add(timer);
        }
        return;
      }
      case 'text':
        res.writeHead(current.status ?? 200, { 'content-type': current.contentType });
        hit.bytesSent = current.body.length;
        res.end(current.body);
        return;
      case 'redirect':
        res.writeHead(current.status ?? 302, { location: current.location, 'content-length': '0' });
        res.end();
        return;
      case 'drip':
      case 'hang':
        answerStalledUpstream(hit, res, current, timers);
        return;
      case 'oversized': {
        // A valid JSON object: the given fields, then one long padding string, streamed in chunks as the
        // client reads (backpressure), so a client that stops reading stops the stream.
        const head = `${JSON.stringify(current.body).slice(0, -1)}${Object.keys(current.body).length > 0 ? ',' : ''}"rampartPadding":"`;
        const tail = '"}';
        const total = Math.min(Math.max(current.bytes, head.length + tail.length), MAX_OVERSIZED);
        let remaining = total - head.length - tail.length;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(total) });
        const chunk = 'a'.repeat(CHUNK);
        const pump = () => {
          if (hit.bytesSent === 0) {
            res.write(head);
            hit.bytesSent = head.length;
          }
          while (remaining > 0) {
            const size = Math.min(CHUNK, remaining);
            remaining -= size;
            hit.bytesSent += size;
            if (!res.write(size === CHUNK ? chunk : chunk.slice(0, size))) {
              res.once('drain', pump);
              return;
            }
          }
          hit.bytesSent += tail.length;
          res.end(tail);
        };
        res.on('close', () => res.removeAllListeners('drain'));
        pump();
        return;
      }
    }
  };

  const upstream = createServer((req, res) => {
    const current = upstreamAnswer;
    void record('upstream', req).then((hit) => {
      if (!redirect(hit, res)) answer(hit, res, current);
    });
  });

  const probeLocal = await listen(probe, host, options.probePort ?? 0);
  let upstreamLocal: string;
  try {
    upstreamLocal = await listen(upstream, host, options.upstreamPort ?? 0);
  } catch (error) {
    probe.close();
    throw error;
  }
  const probeUrl = (options.publicProbeUrl ?? probeLocal).replace(/\/+$/, '');
  const upstreamUrl = (options.publicUpstreamUrl ?? upstreamLocal).replace(/\/+$/, '');
  const origins = [
    ...new Set([probeLocal, upstreamLocal, probeUrl, upstreamUrl].map((u) => new URL(u).origin)),
  ];

  return {
    probeUrl,
    upstreamUrl,
    origins,
    token(label) {
      const clean = label
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 12)
        .padEnd(6, '0');
      return `rc${clean}x${randomBytes(6).toString('hex').slice(0, 8)}`;
    },
    probeFor: (token, path) => `${probeUrl}/${token}${path ? `/${path.replace(/^\/+/, '')}` : ''}`,
    upstreamFor: (token) => `${upstreamUrl}/${token}`,
    redirectFor: (token, location, via = 'probe') =>
      `${via === 'probe' ? probeUrl : upstreamUrl}/redirect/${token}?to=${encodeURIComponent(location)}`,
    mark: () => sequence,
    hitsSince: (mark, token) =>
      hits.filter((hit) => hit.sequence > mark && (token === undefined || hit.token === token)),
    waitFor(token, timeoutMs) {
      const tokens = typeof token === 'string' ? [token] : token;
      const existing = hits.find((hit) => hit.token !== undefined && tokens.includes(hit.token));
      if (existing || timeoutMs <= 0) return Promise.resolve(existing);
      return new Promise((resolve) => {
        const waiter = {
          tokens,
          resolve: (hit: CanaryHit | undefined) => {
            clearTimeout(timer);
            timers.delete(timer);
            resolve(hit);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          timers.delete(timer);
          resolve(undefined);
        }, timeoutMs);
        timers.add(timer);
        waiters.add(waiter);
      });
    },
    answerUpstream(next) {
      upstreamAnswer = next;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const waiter of [...waiters]) {
        waiters.delete(waiter);
        waiter.resolve(undefined);
      }
      await Promise.all(
        [probe, upstream].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
