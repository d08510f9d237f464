import { execFileSync } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

// The bank's exports point at dist/; `tsc -b` rebuilds it only when its sources changed (a no-op otherwise).
const require = createRequire(import.meta.url);
export const BANK_OPENAPI = require.resolve('@rampart/example-vulnerable-bank/openapi.yaml');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', dirname(BANK_OPENAPI)], {
  stdio: 'inherit',
});
const bank = await import('@rampart/example-vulnerable-bank');
export const { createBankApi } = bank;
const users = bank.SEED_USERS as Record<string, { password: string }>;

/** identities.yaml for the bank: two customers and the admin, each by login flow; passwords from the env. */
export const BANK_IDENTITIES_YAML = `
preflight: { method: GET, path: /users/me }
identities:
${['alice', 'bob', 'admin']
  .map(
    (name) => `  - name: ${name}
    ${name === 'admin' ? 'admin: true' : 'role: customer'}
    login:
      steps:
        - method: POST
          path: /auth/login
          json: { username: ${name}, password: "\${BANK_${name.toUpperCase()}_PASSWORD}" }
          extract: { token: { from: body, pointer: /accessToken } }
      apply: { bearer: "{{token}}" }`,
  )
  .join('\n')}
`;

/** The environment the identities file reads its passwords from. */
export const BANK_ENV: Record<string, string> = {
  BANK_ALICE_PASSWORD: users['alice']!.password,
  BANK_BOB_PASSWORD: users['bob']!.password,
  BANK_ADMIN_PASSWORD: users['admin']!.password,
};

/** A running bank on 127.0.0.1:0. */
export async function startBank(options: Parameters<typeof createBankApi>[0] = {}) {
  const api = createBankApi(options);
  const url = await api.listen({ port: 0 });
  return { url, close: () => api.close() };
}

/** One request a recording proxy forwarded. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/**
 * A proxy on 127.0.0.1:0 in front of `upstream` that records every request it forwards, so a test sees
 * exactly what the scanner sent (methods, headers).
 */
export async function startRecordingProxy(upstream: string) {
  const seen: SeenRequest[] = [];
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    const forward = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  const url = await listen(server);
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A server that must never be contacted: it counts what reaches it. */
export async function startDecoy() {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('{}');
  });
  const url = await listen(server);
  return {
    url,
    get hits() {
      return hits;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface HarHeader {
  name: string;
  value: string;
}

/**
 * Records a HAR 1.2 log of a short session with the bank, as a browser's dev tools would save it: alice and
 * bob log in, read their profile, accounts, one account, cards and transfers, and alice changes a card's
 * limit; plus a request to another origin (`decoy`) that a scan must ignore.
 */
export async function recordBankHar(bankUrl: string, decoy: string): Promise<unknown> {
  const entries: unknown[] = [];
  const send = async (method: string, url: string, headers: Record<string, string> = {}, body?: unknown) => {
    const requestHeaders: Record<string, string> = {
      accept: 'application/json',
      ...headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    const text = body === undefined ? undefined : JSON.stringify(body);
    const response = await fetch(url, {
      method,
      headers: requestHeaders,
      ...(text === undefined ? {} : { body: text }),
    });
    const responseText = await response.text();
    const parsed = new URL(url);
    const toHar = (h: Record<string, string>): HarHeader[] =>
      Object.entries(h).map(([name, value]) => ({ name, value }));
    entries.push({
      startedDateTime: new Date().toISOString(),
      time: 1,
      request: {
        method,
        url,
        httpVersion: 'HTTP/1.1',
        headers: toHar(requestHeaders),
        queryString: [...parsed.searchParams].map(([name, value]) => ({ name, value })),
        cookies: [],
        headersSize: -1,
        bodySize: text?.length ?? 0,
        ...(text === undefined ? {} : { postData: { mimeType: 'application/json', text } }),
      },
      response: {
        status: response.status,
        statusText: response.statusText,
        httpVersion: 'HTTP/1.1',
        headers: toHar(Object.fromEntries(response.headers)),
        cookies: [],
        content: {
          size: responseText.length,
          mimeType: response.headers.get('content-type') ?? '',
          text: responseText,
        },
        redirectURL: '',
        headersSize: -1,
        bodySize: responseText.length,
      },
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
    });
    return responseText;
  };
  for (const name of ['alice', 'bob']) {
    const login = JSON.parse(
      await send('POST', `${bankUrl}/auth/login`, {}, { username: name, password: users[name]!.password }),
    ) as { accessToken: string };
    const auth = { authorization: `Bearer ${login.accessToken}` };
    await send('GET', `${bankUrl}/users/me`, auth);
    const accounts = JSON.parse(await send('GET', `${bankUrl}/accounts`, auth)) as unknown;
    const list = (Array.isArray(accounts) ? accounts : ((accounts as { items?: unknown[] }).items ?? [])) as {
      id: number;
    }[];
    for (const account of list.slice(0, 1)) await send('GET', `${bankUrl}/accounts/${account.id}`, auth);
    await send('GET', `${bankUrl}/cards`, auth);
    await send('GET', `${bankUrl}/transfers?limit=10`, auth);
  }
  await send('GET', `${decoy}/analytics/collect?page=1`);
  return { log: { version: '1.2', creator: { name: 'rampart-test', version: '1' }, entries } };
}
