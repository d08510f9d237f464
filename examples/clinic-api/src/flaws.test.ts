import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FLAW_IDS, FLAWS } from './flaw-catalog.js';
import { FLAW_EXPLOITS, type InternalService, startInternalService } from './flaw-exploits.js';
import { startTestClinic, type TestClinic } from './start-test-clinic.js';

// Table-driven from flaws.json: every exploit shows its flaw with everything on, and the secure behaviour when that
// flaw alone is switched off (every other flaw still on).

let internal: InternalService;
let clinic: TestClinic | undefined;

beforeAll(async () => {
  internal = await startInternalService();
});

afterAll(async () => {
  await internal.close();
});

beforeEach(() => {
  internal.hits.length = 0;
});

afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

describe('flaws.json and the exploit table', () => {
  it('has one exploit for every flaw and no exploit without a flaw', () => {
    expect(Object.keys(FLAW_EXPLOITS).sort()).toEqual([...FLAW_IDS].sort());
  });
});

describe.each(FLAWS.map((flaw) => [flaw.id] as const))('%s', (id) => {
  const exploit = FLAW_EXPLOITS[id]!;

  it('is present when every flaw is on', async () => {
    clinic = await startTestClinic();
    await exploit({ clinic, internal }, true);
  });

  it('is gone when this flaw alone is off', async () => {
    clinic = await startTestClinic({ disabled: [id] });
    await exploit({ clinic, internal }, false);
  });
});
