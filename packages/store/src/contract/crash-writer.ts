// A child process for the store contract's crash test: opens a store, writes batches of events forever and prints
// `ack <n>` after batch n has been acknowledged (its saveEvents promise resolved), so the parent can SIGKILL it
// at any moment and check that every acknowledged batch survived.
// argv: <module path> <export name> <JSON options for the export>
import type { ApiEvent, Store } from '@rampart/core';

const [modulePath, exportName, optionsJson] = process.argv.slice(2);
const mod = (await import(modulePath as string)) as Record<
  string,
  (options: unknown) => Store | Promise<Store>
>;
const open = mod[exportName as string];
if (typeof open !== 'function') throw new TypeError(`${modulePath} has no export ${exportName}`);
const store = await open(JSON.parse(optionsJson as string));

const BATCH = 50;
for (let batch = 0; ; batch++) {
  const events: ApiEvent[] = [];
  for (let i = 0; i < BATCH; i++) {
    events.push({
      id: `crash-${batch}-${i}`,
      time: 1_700_000_000_000 + batch * BATCH + i,
      origin: 'sensor:crash',
      method: 'POST',
      rawPath: `/orders/${batch}?page=${i}`,
      path: `/orders/${batch}`,
      route: '/orders/{id}',
      status: 201,
      latencyMs: 3,
      requestSize: 120,
      responseSize: 640,
      clientIp: '203.0.113.9',
      auth: 'success',
      verdict: 'allow',
      requestHeaders: { 'content-type': 'application/json' },
      responseHeaders: { 'content-type': 'application/json' },
    });
  }
  await store.saveEvents(events);
  process.stdout.write(`ack ${batch}\n`);
}
