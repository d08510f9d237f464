import { sendTestRequest, type TestResponse } from '@rampart/example-demo-support';
import { type ClinicApi, type ClinicApiOptions, createClinicApi } from './create-clinic-api.js';
import { SEED_ACCOUNTS } from './create-clinic-state.js';
import { SESSION_COOKIE } from './create-request-context.js';
import { API_BASE } from './route.js';

/** What one test request carries. */
export interface CallInit {
  /** The session cookie value (from {@link TestClinic.login}). */
  readonly session?: string;
  readonly body?: unknown;
  readonly form?: Readonly<Record<string, string>>;
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A started clinic plus what the tests need around it. */
export interface TestClinic {
  /** The origin (`http://127.0.0.1:<port>`). */
  readonly origin: string;
  /** The API base URL (`<origin>/api/v2`). */
  readonly url: string;
  readonly api: ClinicApi;
  /** `path` is relative to /api/v2 unless it starts with /api/. */
  call(method: string, path: string, init?: CallInit): Promise<TestResponse>;
  /** Signs a seeded account in and returns its session cookie value. */
  login(name: keyof typeof SEED_ACCOUNTS): Promise<string>;
  close(): Promise<void>;
}

/** The session cookie value a login answer sets, if any. */
export function sessionOf(response: TestResponse): string | undefined {
  const cookies = response.headers['set-cookie'] ?? [];
  for (const line of cookies) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]+)`).exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** Starts a clinic on 127.0.0.1:0 with `options`. */
export async function startTestClinic(options: ClinicApiOptions = {}): Promise<TestClinic> {
  const api = createClinicApi(options);
  const origin = await api.listen({ port: 0 });
  const call: TestClinic['call'] = (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    let payload = init.rawBody;
    if (init.body !== undefined) {
      payload = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    } else if (init.form !== undefined) {
      payload = new URLSearchParams(init.form as Record<string, string>).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (payload !== undefined) headers['content-type'] ??= 'application/json';
    if (init.session !== undefined) headers['cookie'] = `${SESSION_COOKIE}=${init.session}`;
    const full = path.startsWith('/api/') ? `${origin}${path}` : `${origin}${API_BASE}${path}`;
    return sendTestRequest(method, full, headers, payload);
  };
  const login: TestClinic['login'] = async (name) => {
    const seed = SEED_ACCOUNTS[name];
    const response = await call('POST', '/auth/login', {
      form: { email: seed.email, password: seed.password },
    });
    const session = sessionOf(response);
    if (response.status !== 200 || session === undefined)
      throw new Error(`login as ${name} failed: ${response.status} ${response.text}`);
    return session;
  };
  return { origin, url: `${origin}${API_BASE}`, api, call, login, close: () => api.close() };
}
