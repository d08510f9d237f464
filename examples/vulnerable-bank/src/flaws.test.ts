import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FLAW_IDS, FLAWS } from './flaw-catalog.js';
import { type ExploitContext, FLAW_EXPLOITS } from './flaw-exploits.js';
import { type StubServer, startStubServer, startTestBank, type TestBank } from './start-test-bank.js';

// Table-driven from flaws.json: for every flaw, the exploit shows it with everything on, and shows the secure
// behaviour when that flaw alone is switched off (every other flaw still on).

let partner: StubServer;
let internal: StubServer;
let bank: TestBank | undefined;

beforeAll(async () => {
  partner = await startStubServer();
  internal = await startStubServer();
});

afterAll(async () => {
  await Promise.all([partner.close(), internal.close()]);
});

beforeEach(() => {
  partner.hits.length = 0;
  internal.hits.length = 0;
  partner.answers.clear();
  internal.answers.clear();
  partner.answers.set('/redirect', { status: 302, headers: { location: `${internal.url}/secret` } });
  partner.answers.set('/hook', { status: 200, body: 'ok' });
  partner.answers.set('/feed.csv', { body: '2024-06-01,Partner Import,-12.50\n' });
  partner.answers.set('/kyc/verify', { body: JSON.stringify({ status: 'approved' }) });
  partner.answers.set('/rates', { body: JSON.stringify({ base: 'EUR', rates: { USD: 1.08 } }) });
  internal.answers.set('/secret', { body: 'INTERNAL-ONLY: db-admin-password=Pg-Pr0d-2019' });
  internal.answers.set('/hook', { status: 200, body: 'ok' });
});

afterEach(async () => {
  await bank?.close();
  bank = undefined;
});

async function context(disabled: string[]): Promise<ExploitContext> {
  bank = await startTestBank({ canaryUrl: partner.url, disabled });
  return { bank, partner, internal };
}

describe('flaws.json and the exploit table', () => {
  it('has one exploit for every flaw and no exploit without a flaw', () => {
    expect(Object.keys(FLAW_EXPLOITS).sort()).toEqual([...FLAW_IDS].sort());
  });
});

describe.each(FLAWS.map((flaw) => [flaw.id, flaw] as const))('%s', (id) => {
  const exploit = FLAW_EXPLOITS[id]!;

  it('is present when every flaw is on', async () => {
    await exploit(await context([]), true);
  });

  it('is gone when this flaw alone is off', async () => {
    await exploit(await context([id]), false);
  });
});
