// `rampart import` of a HAR capture classifies sensitive data while the bodies are at hand; the store keeps the
// classes and where they were (not the bodies), and `rampart discover` from the store shows them per endpoint.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from './run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-import-classes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entry(minute: number, path: string, body: unknown) {
  const text = JSON.stringify(body);
  return {
    startedDateTime: new Date(Date.UTC(2025, 4, 2, 10, minute)).toISOString(),
    time: 4,
    request: {
      method: 'GET',
      url: `https://api.example.com${path}`,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'accept', value: 'application/json' }],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'content-type', value: 'application/json' }],
      cookies: [],
      content: { size: text.length, mimeType: 'application/json', text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
  };
}

describe('rampart import → discover: sensitive data classes', () => {
  it('shows response data classes on the endpoint that returned them, and not for near misses', async () => {
    const har = join(dir, 'capture.har');
    const entries = [
      entry(1, '/customers/1001', {
        email: 'alice@example.com',
        card: '4111111111111111',
        iban: 'GB82WEST12345698765432',
      }),
      entry(2, '/customers/1002', {
        email: 'bob@example.org',
        card: '5555555555554444',
        iban: 'DE89370400440532013000',
      }),
      entry(3, '/invoices/501', {
        reference: '4111111111111112',
        account: 'GB82WEST12345698765433',
        batch: '8273645192',
      }),
      entry(4, '/invoices/502', {
        reference: '1234567812345678',
        account: 'DE00370400440532013000',
        batch: '5038291746',
      }),
    ];
    writeFileSync(
      har,
      JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } }),
    );
    const db = join(dir, 'events.db');
    const imported = await runMain(['import', har, '--store', db], { cwd: dir });
    expect(imported.code).toBe(0);

    const output = join(dir, 'discovered.json');
    const discovered = await runMain(['discover', '--store', db, '-o', output], { cwd: dir });
    expect(discovered.code).toBe(0);
    const text = readFileSync(output, 'utf8');
    // The bodies were not stored: no value of them reaches the document.
    expect(text).not.toContain('alice@example.com');
    const document = JSON.parse(text);
    const customers = document.paths['/customers/{customerId}'].get['x-rampart-observed'];
    expect(customers.dataClasses).toEqual({ request: [], response: ['email', 'payment-card', 'iban'] });
    const invoices = document.paths['/invoices/{invoiceId}'].get['x-rampart-observed'];
    expect(invoices.dataClasses).toBeUndefined();
  });
});
