#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { createClinicApi } from './create-clinic-api.js';
import { recordClinicHar } from './record-clinic-har.js';

// Usage: record-har-main.js <out.har> [<origin of a running clinic>]
// Without an origin, a clinic (every flaw on) is started on 127.0.0.1:0 for the recording and stopped after.
async function main(): Promise<void> {
  const [out, given] = process.argv.slice(2);
  if (out === undefined) throw new TypeError('usage: record-har-main.js <out.har> [<clinic origin>]');
  const clinic = given === undefined ? createClinicApi() : undefined;
  const origin = given ?? (await clinic!.listen({ port: 0 }));
  try {
    const har = await recordClinicHar(origin);
    await writeFile(out, `${JSON.stringify(har, null, 2)}\n`);
    process.stdout.write(`${har.log.entries.length} entries from ${origin} written to ${out}\n`);
  } finally {
    await clinic?.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`record-har: ${(error as Error).message}\n`);
  process.exitCode = 2;
});
