#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runDemoMain, serveDemo } from '@rampart/example-demo-support';
import { createClinicApi } from './create-clinic-api.js';
import { FLAWS } from './flaw-catalog.js';

const USAGE = `Usage: node examples/clinic-api/dist/main.js [options]

A deliberately vulnerable clinic API for testing Rampart, under /api/v2. It listens on 127.0.0.1 only. Never expose it.

Options:
  --port <n>            port to listen on; 0 picks a free one (default 0; env CLINIC_PORT)
  --secure              switch every flaw off
  --disable <ids>       comma-separated flaw ids to switch off
  --only <ids>          switch on only these flaw ids
  --insurer-origin <u>  the insurer image origin allowed while api7-insurance-card-ssrf is off
  --list-flaws          print the flaw ids and titles, then exit
  --help                print this text
`;

const list = (value: string | undefined) =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');

async function main(): Promise<number> {
  let values: ReturnType<typeof parseArgs>['values'];
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        port: { type: 'string' },
        secure: { type: 'boolean' },
        disable: { type: 'string' },
        only: { type: 'string' },
        'insurer-origin': { type: 'string' },
        'list-flaws': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`clinic-api: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values['help'] === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values['list-flaws'] === true) {
    for (const flaw of FLAWS)
      process.stdout.write(`${flaw.id.padEnd(36)} ${flaw.owasp.padEnd(9)} ${flaw.title}\n`);
    return 0;
  }
  const rawPort = String(values['port'] ?? process.env['CLINIC_PORT'] ?? '0');
  if (!/^[0-9]{1,5}$/.test(rawPort) || Number(rawPort) > 65_535) {
    process.stderr.write(`clinic-api: --port must be an integer from 0 to 65535, got "${rawPort}"\n`);
    return 2;
  }
  const disabled = list(values['disable'] as string | undefined);
  const enabled = list(values['only'] as string | undefined);
  const insurerOrigin = values['insurer-origin'] as string | undefined;
  let clinic: ReturnType<typeof createClinicApi>;
  try {
    clinic = createClinicApi({
      secure: values['secure'] === true,
      ...(disabled ? { disabled } : {}),
      ...(enabled ? { enabled } : {}),
      ...(insurerOrigin ? { insurerOrigin } : {}),
    });
  } catch (error) {
    process.stderr.write(`clinic-api: ${(error as Error).message}\n`);
    return 2;
  }
  const url = await clinic.listen({ port: Number(rawPort) });
  return serveDemo('clinic-api', clinic, `${url}/api/v2`, FLAWS.length);
}

runDemoMain('clinic-api', main);
