import { writeFile } from 'node:fs/promises';
import { createSqliteStore } from '@rampart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

describe('rampart gateway in front of the vulnerable bank (demo rampart.yaml)', () => {
  let f: GatewayFixture;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    f = await startGatewayFixture();
    alice = await f.login('alice');
    bob = await f.login('bob');
  });
  afterAll(() => f?.close());

  it('starts on loopback with its admin endpoint and no insecure-setting warning', async () => {
    expect(f.service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(f.service.warnings.map((w) => w.ruleId)).toEqual([]);
    const health = await fetch(`${f.service.adminUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it('refuses a secured operation without a token: 401 problem+json', async () => {
    const response = await f.call('GET', '/accounts');
    expect(response.status).toBe(401);
    expect(response.contentType).toContain('application/problem+json');
    expect((response.json as { instance?: string }).instance).toMatch(/^urn:uuid:/);
  });

  it('lets a logged-in customer through: 200', async () => {
    const response = await f.call('GET', '/accounts', { token: alice });
    expect(response.status).toBe(200);
    expect((response.json as { items: { id: number }[] }).items.map((a) => a.id)).toEqual([1002, 1003]);
  });

  it("refuses bob's token on alice's account (object rule), although the bank itself would answer", async () => {
    const own = await f.call('GET', '/accounts/1002', { token: alice });
    expect(own.status).toBe(200);
    const other = await f.call('GET', '/accounts/1002', { token: bob });
    expect(other.status).toBe(403);
    expect(other.contentType).toContain('application/problem+json');
    // The bank has flaw api1-account-bola on: straight to the bank, bob reads alice's account.
    expect(f.bank.enabledFlaws.has('api1-account-bola')).toBe(true);
  });

  it('refuses a path the description does not declare: 404', async () => {
    const response = await f.call('GET', '/debug/vars', { token: alice });
    expect(response.status).toBe(404);
    expect(response.contentType).toContain('application/problem+json');
  });

  it('refuses an SQL injection payload (injection policy)', async () => {
    const q = encodeURIComponent("x' UNION SELECT username, password_hash FROM users--");
    const response = await f.call('GET', `/transactions/search?q=${q}`, { token: alice });
    expect([400, 403]).toContain(response.status);
    expect(response.text).toMatch(/injection/i);
    const benign = await f.call('GET', `/transactions/search?q=${encodeURIComponent('Cafe')}`, {
      token: alice,
    });
    expect(benign.status).toBe(200);
  });

  it('refuses a mass-assigned balance (property rule) and an internal URL (SSRF guard)', async () => {
    const balance = await f.call('PATCH', '/accounts/1002', { token: alice, body: { balance: 1e9 } });
    expect([400, 403]).toContain(balance.status);
    const avatar = await f.call('PUT', '/users/me/avatar', {
      token: alice,
      body: { url: 'http://169.254.169.254/latest/meta-data/' },
    });
    // The injection policy (its SSRF class) or the SSRF guard, whichever runs first, refuses it.
    expect([400, 403]).toContain(avatar.status);
    expect(avatar.contentType).toContain('application/problem+json');
  });

  it('keeps serving on the old configuration when a reload is broken, and says where', async () => {
    await writeFile(
      f.configFile,
      f.configText((t) =>
        t.replace('operations: [createTransfer], limit: 20', 'operations: [createTransferz], limit: 20'),
      ),
    );
    expect(await f.service.reload('test')).toBe(false);
    expect(f.log()).toMatch(/reload \(test\) failed; the previous configuration stays in use/);
    expect(f.log()).toMatch(
      /gateway\.policies\.rate-limit\.quotas\[0\]\.operations: .*createTransferz.*rampart\.yaml:\d+:\d+/,
    );
    expect((await f.call('GET', '/accounts', { token: alice })).status).toBe(200);

    // A schema problem (unknown key) is refused the same way, with a did-you-mean.
    await writeFile(
      f.configFile,
      f.configText((t) => t.replace('    injection:\n', '    injektion:\n')),
    );
    f.signals.emit('SIGHUP');
    await f.waitForLog('reload (SIGHUP) failed');
    expect(f.log()).toMatch(/did you mean "injection"/);
    expect((await f.call('GET', '/accounts', { token: alice })).status).toBe(200);
  });

  it('applies a good configuration when the file changes (watch), without a restart', async () => {
    const before = f.log().split('configuration reloaded').length;
    await writeFile(
      f.configFile,
      f.configText((t) =>
        t.replace('    injection:\n', '    ip-filter:\n      deny: [127.0.0.0/8]\n    injection:\n'),
      ),
    );
    const until = Date.now() + 5000;
    while (f.log().split('configuration reloaded').length === before && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(f.log()).toContain('configuration reloaded (rampart.yaml changed)');
    expect((await f.call('GET', '/accounts', { token: alice })).status).toBe(403);
    await writeFile(f.configFile, f.configText());
    expect(await f.service.reload('restore')).toBe(true);
    expect((await f.call('GET', '/accounts', { token: alice })).status).toBe(200);
  });

  it('writes one event per request to the SQLite store, flushed on shutdown', async () => {
    const path = f.service.storePath;
    await f.service.close();
    const store = createSqliteStore({ path });
    try {
      const page = await store.queryEvents({ limit: 1000 });
      const events = page.items;
      expect(events.length).toBeGreaterThanOrEqual(15);
      expect(events.every((e) => e.origin === 'gateway')).toBe(true);
      const unauthenticated = events.find((e) => e.status === 401 && e.path === '/accounts');
      expect(unauthenticated?.auth).toBe('missing');
      const bola = events.find((e) => e.status === 403 && e.method === 'GET' && e.path === '/accounts/1002');
      expect(bola?.deniedBy?.policy).toBe('authorize');
      expect(bola?.identity?.subject).toBe('3');
      const injection = events.find((e) => e.route === '/transactions/search' && e.status >= 400);
      expect(injection?.deniedBy?.policy).toBe('injection');
      expect(injection?.deniedBy?.reason).toMatch(/sqli/);
      const avatar = events.find((e) => e.path === '/users/me/avatar');
      expect(['injection', 'ssrf-guard']).toContain(avatar?.deniedBy?.policy);
      // Credentials are redacted at capture.
      expect(JSON.stringify(events)).not.toContain(alice);
    } finally {
      await store.close();
    }
  });
});
