#!/usr/bin/env node
// The README's main job (`npm start`): start the deliberately vulnerable demo bank on 127.0.0.1, audit its OpenAPI
// document, scan it with two customers and an admin, print the findings and write the reports to
// .rampart/reports/. The bank keeps running for you to explore until Ctrl-C; `--exit` stops after the scan (tests).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = `${root}packages/cli/dist/bin.js`;
const bankDist = `${root}examples/vulnerable-bank/dist/index.js`;
const spec = 'examples/vulnerable-bank/openapi.yaml';
const reports = '.rampart/reports';
const exitAfterScan = process.argv.includes('--exit');

if (!existsSync(bin) || !existsSync(bankDist)) {
  console.error('rampart quickstart: the build is missing; run `npm install` (it builds) and try again.');
  process.exit(2);
}

const { createBankApi, SEED_USERS, PARTNER_CLIENT_SECRET } = await import(bankDist);

/** Runs the built CLI, streaming its output; resolves with the exit code. */
function rampart(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 3));
  });
}

/** Prints a text report the CLI wrote, so the findings are on screen as well as on disk. */
function printReport(relativePath) {
  const file = `${root}${relativePath}`;
  if (existsSync(file)) process.stdout.write(readFileSync(file, 'utf8'));
}

function heading(text) {
  console.log(`\n\x1b[1m== ${text}\x1b[0m`);
}

mkdirSync(`${root}${reports}`, { recursive: true });

heading(`Static audit of ${spec}`);
const auditCode = await rampart([
  'audit',
  spec,
  '--format',
  'text,html,json,sarif',
  '--output',
  `${reports}/audit/`,
  '--plan',
  `${reports}/audit/plan.json`,
  '--fail-on',
  'none',
]);
printReport(`${reports}/audit/rampart-audit.txt`);
if (auditCode >= 2) process.exit(auditCode);

const bank = createBankApi({});
const preferred = Number(process.env.BANK_PORT ?? 8080);
let target;
try {
  target = await bank.listen({ port: preferred });
} catch {
  target = await bank.listen({ port: 0 });
}
heading(`Vulnerable demo bank listening on ${target} (127.0.0.1 only)`);

const passwords = {
  BANK_ALICE_PASSWORD: SEED_USERS.alice.password,
  BANK_BOB_PASSWORD: SEED_USERS.bob.password,
  BANK_ADMIN_PASSWORD: SEED_USERS.admin.password,
  BANK_PARTNER_SECRET: PARTNER_CLIENT_SECRET,
};
heading(`Active scan of ${target} as alice, bob and admin`);
const scanArgs = [
  'scan',
  '--spec',
  spec,
  '--target',
  target,
  '--identities',
  'examples/vulnerable-bank/identities.yaml',
  '--rate',
  '200',
  // The bank is ours and disposable: let the scanner create objects to prove BOLA and mass assignment on writes.
  '--allow-writes',
];
const scanCode = await rampart(
  [...scanArgs, '--format', 'text,html,json,sarif', '--output', `${reports}/scan/`, '--fail-on', 'none'],
  passwords,
);
printReport(`${reports}/scan/rampart-scan.txt`);

heading('Reports');
console.log(`  ${reports}/audit/rampart-audit.html   static audit (open in a browser; works offline)`);
console.log(`  ${reports}/audit/rampart-audit.sarif  for code-scanning UIs`);
console.log(`  ${reports}/audit/plan.json            the test plan the audit derived for the scanner`);
console.log(`  ${reports}/scan/                      active scan (HTML, JSON, SARIF)`);

if (exitAfterScan) {
  await bank.close();
  process.exit(scanCode >= 2 ? scanCode : 0);
}

console.log(`\nThe demo bank stays up at ${target}. Try it:`);
console.log(
  `  curl -s ${target}/auth/login -H 'content-type: application/json' -d '{"username":"bob","password":"${SEED_USERS.bob.password}"}'`,
);
console.log('Press Ctrl-C to stop.');
const stop = async () => {
  await bank.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
