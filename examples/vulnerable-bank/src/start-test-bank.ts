import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { sendTestRequest, type TestResponse } from '@rampart/example-demo-support';
import type { AddressInfo } from 'node:net';
import type { OtpMessage } from './bank-context.js';
import { type BankApi, type BankApiOptions, createBankApi } from './create-bank-api.js';
import { SEED_USERS } from './create-bank-state.js';

/** One request a stub server received. */
export interface RecordedHit {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What a stub answers. */
export interface StubAnswer {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Milliseconds to wait (headers included) before answering: a slow provider. */
  readonly delayMs?: number;
}

/** A loopback HTTP server for tests that records every hit and answers from a replaceable table of paths. */
export interface StubServer {
  readonly url: string;
  readonly hits: RecordedHit[];
  readonly answers: Map<string, StubAnswer>;
  close(): Promise<void>;
}

/** Starts a {@link StubServer} on 127.0.0.1, port 0. */
export async function startStubServer(): Promise<StubServer> {
  const hits: RecordedHit[] = [];
  const answers = new Map<string, StubAnswer>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      hits.push({
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = answers.get(path) ?? { status: 404, body: 'not found' };
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, answer.headers ?? {});
        res.end(answer.body ?? '');
      };
      if (answer.delayMs === undefined) send();
      else setTimeout(send, answer.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A started bank plus what the tests need around it. */
export interface TestBank {
  readonly url: string;
  readonly api: BankApi;
  readonly otps: OtpMessage[];
  /** The bank's clock; move `now` forward to expire tokens. */
  readonly clock: { now: number };
  call(
    method: string,
    path: string,
    init?: {
      readonly token?: string;
      readonly body?: unknown;
      readonly rawBody?: string;
      readonly headers?: Readonly<Record<string, string>>;
    },
  ): Promise<TestResponse>;
  /** Logs a seeded user in and returns the access token. */
  login(user: keyof typeof SEED_USERS): Promise<string>;
  close(): Promise<void>;
}

/** Starts a bank on 127.0.0.1:0 with a controllable clock and captured one-time codes. */
export async function startTestBank(options: BankApiOptions = {}): Promise<TestBank> {
  const otps: OtpMessage[] = [];
  const clock = { now: Date.now() };
  const api = createBankApi({ ...options, now: () => clock.now, sendOtp: (message) => otps.push(message) });
  const url = await api.listen({ port: 0 });
  const call: TestBank['call'] = (method, path, init = {}) => {
    const payload = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    return sendTestRequest(method, `${url}${path}`, headers, payload);
  };
  const login: TestBank['login'] = async (name) => {
    const seed = SEED_USERS[name];
    const response = await call('POST', '/auth/login', {
      body: { username: seed.username, password: seed.password },
    });
    if (response.status !== 200)
      throw new Error(`login as ${name} failed: ${response.status} ${response.text}`);
    return response.json.accessToken as string;
  };
  return { url, api, otps, clock, call, login, close: () => api.close() };
}
