#!/usr/bin/env node
import { runDemoMain, serveDemo } from '@rampart/example-demo-support';
import { createBankApi } from './create-bank-api.js';
import { FLAWS } from './flaw-catalog.js';
import { parseCliArgs, USAGE } from './parse-cli-args.js';

async function main(): Promise<number> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`vulnerable-bank: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command.listFlaws) {
    for (const flaw of FLAWS)
      process.stdout.write(`${flaw.id.padEnd(34)} ${flaw.owasp.padEnd(9)} ${flaw.title}\n`);
    return 0;
  }
  let bank: ReturnType<typeof createBankApi>;
  try {
    bank = createBankApi({
      ...command.options,
      sendOtp: ({ username, code, purpose }) =>
        process.stdout.write(`[sms] to ${username} (${purpose}): ${code}\n`),
    });
  } catch (error) {
    process.stderr.write(`vulnerable-bank: ${(error as Error).message}\n`);
    return 2;
  }
  const url = await bank.listen({ port: command.port, host: command.host });
  return serveDemo('vulnerable-bank', bank, url, FLAWS.length);
}

runDemoMain('vulnerable-bank', main);
