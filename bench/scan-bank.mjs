// Full scan of the repo's vulnerable bank, every flaw on and then secure mode: requests sent and wall time per
// check, and in total, as a markdown table. Needs a build first: `npx tsc -b packages/scan examples/vulnerable-bank`.
//
//   node bench/scan-bank.mjs [--rate 1000] [--json results/scan-bank.json]
//
// The rate cap is raised (default 1000/s) because the bank is local; at the CLI default of 10/s the wall time is
// dominated by the cap, not by the scanner. Times are wall-clock on this machine: compare runs on the same machine.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { loadApi } from '../packages/openapi/dist/index.js';
import {
  createCanary,
  parseIdentities,
  SCAN_CHECKS,
  scanTarget,
  scoreScan,
} from '../packages/scan/dist/index.js';
import {
  createBankApi,
  FLAWS,
  PARTNER_CLIENT_SECRET,
  SEED_USERS,
} from '../examples/vulnerable-bank/dist/index.js';

const { values } = parseArgs({
  options: { rate: { type: 'string', default: '1000' }, json: { type: 'string' } },
});
const require = createRequire(import.meta.url);
const openapi = require.resolve('../examples/vulnerable-bank/openapi.yaml');

// The identities a user of the demo would give: examples/vulnerable-bank/identities.yaml (alice, bob, the admin and
// the partner API client) with the seeded secrets; the canary stands in for the bank's partner/provider URL, as a
// user points their API's outbound URL at it, and a test SMS inbox receives the one-time codes.
const IDENTITIES_FILE = require.resolve('../examples/vulnerable-bank/identities.yaml');
const IDENTITY_ENV = {
  BANK_ALICE_PASSWORD: SEED_USERS.alice.password,
  BANK_BOB_PASSWORD: SEED_USERS.bob.password,
  BANK_ADMIN_PASSWORD: SEED_USERS.admin.password,
  BANK_PARTNER_SECRET: PARTNER_CLIENT_SECRET,
};

async function run(label, bankOptions) {
  const canary = await createCanary();
  const codes = [];
  const bank = createBankApi({
    ...bankOptions,
    canaryUrl: canary.upstreamUrl,
    sendOtp: (message) => codes.push({ username: message.username, code: message.code, at: Date.now() }),
  });
  const target = await bank.listen({ port: 0 });
  try {
    const started = performance.now();
    const result = await scanTarget({
      model: await loadApi(openapi),
      target,
      identities: parseIdentities(readFileSync(IDENTITIES_FILE, 'utf8'), IDENTITIES_FILE, {
        env: IDENTITY_ENV,
      }),
      options: {
        requestsPerSecond: Number(values.rate),
        canary,
        values: { couponCode: 'WELCOME50' },
        readOtp: ({ username, since }) =>
          codes.filter((c) => c.username === username && c.at >= since).at(-1)?.code,
      },
    });
    const wallMs = performance.now() - started;
    const score = scoreScan(result.findings);
    return { label, result, wallMs, score };
  } finally {
    await bank.close();
    await canary.close();
  }
}

const runs = [await run('every flaw on', {}), await run('secure mode', { secure: true })];

const lines = [];
lines.push(
  `Scan of the vulnerable bank (${FLAWS.length} declared flaws), ${SCAN_CHECKS.length} checks, rate cap ${values.rate}/s, Node ${process.version}`,
);
lines.push('');
lines.push(`| check | ${runs.map((r) => `${r.label}: requests | time (ms) | findings`).join(' | ')} |`);
lines.push(`|---|${runs.map(() => '---:|---:|---:').join('|')}|`);
const ids = [...new Set(runs.flatMap((r) => r.result.checks.map((c) => c.id)))];
for (const id of ids) {
  const cells = runs.map((r) => {
    const c = r.result.checks.find((x) => x.id === id);
    return c
      ? `${c.requests} | ${c.durationMs} | ${c.findings}${c.error ? ` (${c.error.code})` : ''}`
      : '- | - | -';
  });
  lines.push(`| ${id} | ${cells.join(' | ')} |`);
}
const explore = (r) => r.result.requests - r.result.checks.reduce((n, c) => n + c.requests, 0);
lines.push(`| preflight, exploration, cleanup | ${runs.map((r) => `${explore(r)} | - | -`).join(' | ')} |`);
lines.push(
  `| **total** | ${runs.map((r) => `**${r.result.requests}** | **${Math.round(r.wallMs)}** | **${r.result.findings.length}**`).join(' | ')} |`,
);
lines.push('');
for (const r of runs) {
  const bySeverity = ['critical', 'high', 'medium', 'low', 'info']
    .map((s) => `${r.result.findings.filter((f) => f.severity === s).length} ${s}`)
    .join(', ');
  lines.push(
    `- ${r.label}: score ${r.score.score}/100 (${r.score.grade}); findings ${bySeverity}; ${r.result.engineErrors.length} engine errors; ` +
      `${r.result.scope.refused} out-of-scope requests refused; cleanup ${r.result.cleanup.attempted - r.result.cleanup.failed}/${r.result.cleanup.attempted}`,
  );
}
console.log(lines.join('\n'));
if (values.json) {
  writeFileSync(
    values.json,
    `${JSON.stringify(
      runs.map((r) => ({
        label: r.label,
        wallMs: Math.round(r.wallMs),
        requests: r.result.requests,
        findings: r.result.findings.length,
        score: r.score.score,
        checks: r.result.checks,
        engineErrors: r.result.engineErrors,
      })),
      null,
      2,
    )}\n`,
  );
}
