import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BankApi, createBankApi, SEED_USERS, WEAK_JWT_SECRET } from '@rampart/example-vulnerable-bank';
import { loadConfig } from '../src/config/load-config.js';
import { type GatewayService, startGatewayService } from '../src/start-gateway-service.js';

/** The demo configuration and description of the vulnerable bank. */
export const DEMO_DIR = fileURLToPath(new URL('../../../examples/vulnerable-bank/', import.meta.url));
export const DEMO_CONFIG = join(DEMO_DIR, 'rampart.yaml');

/** The bank (every flaw on) behind a gateway started from the demo configuration, on 127.0.0.1:0. */
export interface GatewayFixture {
  readonly bank: BankApi;
  readonly service: GatewayService;
  readonly dir: string;
  readonly configFile: string;
  readonly signals: EventEmitter;
  /** Everything the service logged. */
  log(): string;
  /** The demo configuration text with the test's addresses; `edit` changes it further. */
  configText(edit?: (text: string) => string): string;
  call(
    method: string,
    path: string,
    init?: { readonly token?: string; readonly body?: unknown; readonly headers?: Record<string, string> },
  ): Promise<{ status: number; contentType: string; json: unknown; text: string }>;
  login(user: keyof typeof SEED_USERS): Promise<string>;
  /** Waits (polling, at most `ms`) until the log contains `text`. */
  waitForLog(text: string, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the bank and the gateway in this process. The demo `rampart.yaml` is copied to a temporary directory
 * with the bank's URL as upstream, free ports (0), the description by absolute path and a short reload debounce.
 */
export async function startGatewayFixture(options: { monitor?: boolean } = {}): Promise<GatewayFixture> {
  const bank = createBankApi();
  const bankUrl = await bank.listen({ port: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'rampart-gateway-'));
  const configFile = join(dir, 'rampart.yaml');
  const demo = await readFile(DEMO_CONFIG, 'utf8');
  const configText = (edit: (text: string) => string = (t) => t) =>
    edit(
      demo
        .replace('url: http://127.0.0.1:8081', `url: ${bankUrl}`)
        .replace('listen: { host: 127.0.0.1, port: 8080 }', 'listen: { host: 127.0.0.1, port: 0 }')
        .replace('listen: { host: 127.0.0.1, port: 9901 }', 'listen: { host: 127.0.0.1, port: 0 }')
        .replace('spec: openapi.yaml', `spec: ${join(DEMO_DIR, 'openapi.yaml')}`)
        .replace('$schema: ../../docs/schema/rampart.schema.json\n', '')
        .replace(
          '  trustedProxies: []\n',
          '  trustedProxies: []\n  shutdownTimeoutMs: 2000\n  reload: { debounceMs: 50 }\n',
        ),
    );
  await writeFile(configFile, configText());
  const env = { BANK_JWT_SECRET: WEAK_JWT_SECRET };
  const signals = new EventEmitter();
  let logged = '';
  const service = await startGatewayService({
    loadConfig: () => loadConfig({ file: configFile, env, cwd: dir }),
    cwd: dir,
    env,
    log: { write: (text: string) => (logged += text) },
    signals,
    ...(options.monitor ? { monitor: true } : {}),
  });

  const call: GatewayFixture['call'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers['authorization'] = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', json, text };
  };
  return {
    bank,
    service,
    dir,
    configFile,
    signals,
    log: () => logged,
    configText,
    call,
    async login(user) {
      const seed = SEED_USERS[user];
      const response = await call('POST', '/auth/login', {
        body: { username: seed.username, password: seed.password },
      });
      if (response.status !== 200) throw new Error(`login ${user}: ${response.status} ${response.text}`);
      return (response.json as { accessToken: string }).accessToken;
    },
    async waitForLog(text, ms = 5000) {
      const until = Date.now() + ms;
      while (!logged.includes(text)) {
        if (Date.now() > until) throw new Error(`log never showed ${JSON.stringify(text)}; log:\n${logged}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await service.close();
      await bank.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
