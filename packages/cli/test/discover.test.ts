import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditModel, BUILT_IN_RULES } from '@rampart/audit';
import { type BankApi, createBankApi, SEED_USERS } from '@rampart/example-vulnerable-bank';
import { loadApi, loadApiFromString } from '@rampart/openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runMain } from './run-main.js';

const BANK_SPEC = fileURLToPath(new URL('../../../examples/vulnerable-bank/openapi.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rampart-discover-'));
const HAR = join(dir, 'capture.har');
const LOG = join(dir, 'access.log');

interface HarEntry {
  startedDateTime: string;
  time: number;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `10/Oct/2024:13:55:36 +0000`, nginx's $time_local in UTC. */
function nginxTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/**
 * Drives a real session against the demo bank and records every exchange twice, the way a browser's HAR export
 * and nginx's combined log would have: HAR entries with headers and bodies, and access log lines.
 */
async function recordTraffic(baseUrl: string): Promise<{ entries: HarEntry[]; lines: string[] }> {
  const entries: HarEntry[] = [];
  const lines: string[] = [];
  let clock = Date.UTC(2025, 2, 1, 9, 0, 0);
  const send = async (method: string, path: string, init: { token?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'rampart-test/1.0' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body ? { body } : {}) });
    const text = await response.text();
    clock += 1500;
    const started = new Date(clock);
    const responseHeaders = [...response.headers].map(([name, value]) => ({ name, value }));
    entries.push({
      startedDateTime: started.toISOString(),
      time: 3,
      request: {
        method,
        url: `${baseUrl}${path}`,
        httpVersion: 'HTTP/1.1',
        headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: body?.length ?? 0,
        ...(body ? { postData: { mimeType: 'application/json', text: body } } : {}),
      },
      response: {
        status: response.status,
        statusText: response.statusText,
        httpVersion: 'HTTP/1.1',
        headers: responseHeaders,
        cookies: [],
        content: { size: text.length, mimeType: response.headers.get('content-type') ?? '', text },
        redirectURL: '',
        headersSize: -1,
        bodySize: text.length,
      },
    });
    lines.push(
      `127.0.0.1 - - [${nginxTime(started)}] "${method} ${path} HTTP/1.1" ${response.status} ${text.length} "-" "rampart-test/1.0"`,
    );
    return {
      status: response.status,
      json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };

  await send('GET', '/health');
  const { alice, bob } = SEED_USERS;
  const tokens: string[] = [];
  for (const user of [alice, bob]) {
    const login = await send('POST', '/auth/login', {
      body: { username: user.username, password: user.password },
    });
    expect(login.status).toBe(200);
    tokens.push(login.json.accessToken as string);
  }
  for (const token of tokens) {
    await send('GET', '/users/me', { token });
    const accounts = await send('GET', '/accounts', { token });
    const items = accounts.json.items as { id: number }[];
    expect(items.length).toBeGreaterThan(0);
    for (const account of items) await send('GET', `/accounts/${account.id}`, { token });
    await send('GET', '/transactions?limit=5', { token });
    await send('GET', '/cards', { token });
  }
  await send('GET', '/accounts');
  // The bank's undocumented legacy route (a shadow endpoint), and a probe of a path that does not exist.
  await send('GET', `/api/v1/users/${alice.id}/accounts`, { token: tokens[0]! });
  await send('GET', '/wp-login.php');
  return { entries, lines };
}

let bank: BankApi;
beforeAll(async () => {
  bank = createBankApi();
  const baseUrl = await bank.listen({ port: 0 });
  const { entries, lines } = await recordTraffic(baseUrl);
  writeFileSync(
    HAR,
    JSON.stringify({ log: { version: '1.2', creator: { name: 'rampart-test', version: '1' }, entries } }),
  );
  writeFileSync(LOG, `${lines.join('\n')}\nthis line is not an access log line\n`);
});
afterAll(async () => {
  await bank?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rampart import', () => {
  it('imports an nginx log into the store and reports malformed lines by number', async () => {
    const db = join(dir, 'import.db');
    const result = await runMain(['import', LOG, '--store', db], { cwd: dir });
    expect(result.code).toBe(0);
    const lineCount = readFileSync(LOG, 'utf8').trimEnd().split('\n').length;
    expect(result.stderr).toContain(`${lineCount - 1} events imported, 2025-03-01T09:00:01.000Z to`);
    expect(result.stderr).toContain(`1 malformed line skipped:\n  line ${lineCount}:`);
    expect(result.stderr).toMatch(/endpoints? \(and 1 path that only answered 404\)/);

    // Importing the same file again stores its events once.
    const again = await runMain(['import', LOG, '--store', db], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`rampart: ${lineCount - 1} events in ${db}`);
  });

  it('exits 2 on a file it cannot read, and on a file none of whose lines parse', async () => {
    const missing = await runMain(['import', join(dir, 'missing.log'), '--store', join(dir, 'x.db')], {
      cwd: dir,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const garbage = join(dir, 'garbage.log');
    writeFileSync(garbage, 'hello\nworld\n');
    const result = await runMain(['import', garbage, '--store', join(dir, 'x.db')], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('line 1:');
    expect(result.stderr).toContain('hint: check --format');
  });
});

describe('rampart discover', () => {
  it('reconstructs templates from imported log events, and the audit reads the document', async () => {
    const db = join(dir, 'discover.db');
    expect((await runMain(['import', LOG, '--store', db], { cwd: dir })).code).toBe(0);
    const output = join(dir, 'discovered.yaml');
    const result = await runMain(['discover', '--store', db, '--output', output], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^discovered \d+ endpoints from \d+ events/);
    const document = parse(readFileSync(output, 'utf8')) as {
      openapi: string;
      paths: Record<string, object>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/accounts',
        '/accounts/{accountId}',
        '/api/v1/users/{userId}/accounts',
        '/auth/login',
        '/health',
      ]),
    );
    expect(Object.keys(document.paths)).not.toContain('/wp-login.php');

    const model = await loadApi(output);
    const audit = auditModel(model, { rules: BUILT_IN_RULES });
    expect(audit.engineErrors).toEqual([]);
    expect(audit.findings.length).toBeGreaterThan(0);
    // The CLI's own audit command reads it too.
    const audited = await runMain(['audit', output, '--fail-on', 'none'], { cwd: dir });
    expect(audited.code).toBe(0);
  });

  it('reads a HAR capture directly: bodies become schemas, bearer tokens a security scheme', async () => {
    const output = join(dir, 'from-har.json');
    const result = await runMain(['discover', '--from', HAR, '-o', output, '--title', 'Bank (observed)'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    const text = readFileSync(output, 'utf8');
    // No credential of the session reaches the document.
    expect(text).not.toContain(SEED_USERS.alice.password);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    const document = JSON.parse(text);
    expect(document.info.title).toBe('Bank (observed)');
    expect(document.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
    const getAccount = document.paths['/accounts/{accountId}'].get;
    expect(getAccount.security).toEqual([{ bearerAuth: [] }]);
    expect(getAccount.parameters[0]).toMatchObject({ name: 'accountId', in: 'path', required: true });
    expect(getAccount.parameters[0].schema.type).toBe('integer');
    const accountSchema = getAccount.responses['200'].content['application/json'].schema;
    expect(accountSchema.type).toBe('object');
    expect(accountSchema.required).toEqual(expect.arrayContaining(['id']));
    const login = document.paths['/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['password', 'username'],
    });
    // /accounts was also called once without a token (401): authentication is optional as far as traffic shows.
    expect(document.paths['/accounts'].get.security).toEqual([{ bearerAuth: [] }, {}]);
    const model = await loadApiFromString(text, 'from-har.json');
    expect(auditModel(model, { rules: BUILT_IN_RULES }).engineErrors).toEqual([]);
  });

  it('prints the differences with the description and exits 1 on a shadow endpoint with --diff', async () => {
    const result = await runMain(['discover', '--from', HAR, '--spec', BANK_SPEC, '--diff'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'shadow endpoints (1):\n    GET /api/v1/users/{userId}/accounts  1 call [200×1]',
    );
    expect(result.stdout).toContain('zombie endpoints (deprecated, still called) (0): none');
    expect(result.stdout).toContain('1 path only ever answered 404');
    expect(result.stdout).toMatch(/documented operations not called \(\d+\): /);
    expect(result.stdout).not.toContain('openapi: 3.1.0');
  });

  it("keeps the description's templates with --spec and says when there is nothing to read", async () => {
    const output = join(dir, 'with-spec.yaml');
    const result = await runMain(['discover', '--from', LOG, '--spec', BANK_SPEC, '-o', output], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(Object.keys((parse(readFileSync(output, 'utf8')) as { paths: object }).paths)).toContain(
      '/accounts/{accountId}',
    );
    const empty = await runMain(['discover', '--store', join(dir, 'none.db')], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('does not exist');
    const usage = await runMain(['discover', '--diff', '--from', LOG], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--diff needs --spec');
  });
});
