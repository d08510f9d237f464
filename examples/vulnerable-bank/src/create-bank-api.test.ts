import { afterEach, describe, expect, it } from 'vitest';
import { createBankApi } from './create-bank-api.js';
import { startTestBank, type TestBank } from './start-test-bank.js';

let bank: TestBank | undefined;

afterEach(async () => {
  await bank?.close();
  bank = undefined;
});

describe('secure mode', () => {
  it('serves a normal customer journey: login, accounts, transfer, logout', async () => {
    bank = await startTestBank({ secure: true });
    expect(bank.api.enabledFlaws.size).toBe(0);
    const alice = await bank.login('alice');

    const accounts = await bank.call('GET', '/accounts', { token: alice });
    expect(accounts.status).toBe(200);
    expect(accounts.json.items.map((a: { id: number }) => a.id)).toEqual([1002, 1003]);

    const payee = await bank.call('GET', '/payees/lookup?accountNumber=NL02BANK0000001004', { token: alice });
    expect(payee.json).toEqual({
      accountNumber: 'NL02BANK0000001004',
      holderName: 'Bob B.',
      currency: 'EUR',
    });

    const transfer = await bank.call('POST', '/transfers', {
      token: alice,
      body: { fromAccountId: 1002, toAccountNumber: 'NL02BANK0000001004', amount: 42.5, memo: 'Lunch' },
    });
    expect(transfer.status).toBe(201);
    const after = await bank.call('GET', '/accounts/1002', { token: alice });
    expect(after.json.balance).toBe(25_000 - 42.5);
    const history = await bank.call('GET', '/transfers', { token: alice });
    expect(history.json.items[0]).toMatchObject({ amount: 42.5, memo: 'Lunch' });
    const bob = await bank.login('bob');
    const bobAccount = await bank.call('GET', '/accounts/1004', { token: bob });
    expect(bobAccount.json.balance).toBe(1200 + 42.5);

    const page = await bank.call('GET', '/transactions?limit=5&sort=-date', { token: alice });
    expect(page.json.items).toHaveLength(5);
    expect(page.json.items[0].memo).toBe('Lunch');

    expect((await bank.call('POST', '/auth/logout', { token: alice })).status).toBe(204);
    expect((await bank.call('GET', '/accounts', { token: alice })).status).toBe(401);
  });

  it('answers validation errors with 400 and no internals', async () => {
    bank = await startTestBank({ secure: true });
    const alice = await bank.login('alice');
    const bad = await bank.call('POST', '/transfers', {
      token: alice,
      body: { fromAccountId: 1002, toAccountNumber: 'NL02BANK0000001004', amount: 'lots' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'invalid_request' });
    expect(bad.json.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await bank.call('GET', '/transactions?limit=abc', { token: alice })).status).toBe(400);
    expect((await bank.call('GET', '/nowhere', { token: alice })).status).toBe(404);
    expect((await bank.call('GET', '/accounts')).status).toBe(401);
  });
});

describe('createBankApi', () => {
  it('refuses to listen anywhere but 127.0.0.1', async () => {
    const api = createBankApi({ secure: true });
    await expect(api.listen({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/host must be 127\.0\.0\.1/);
    expect(api.server.listening).toBe(false);
  });

  it('refuses provider URLs that are neither loopback nor the canary', () => {
    expect(() => createBankApi({ kycUrl: 'https://kyc.example.com/verify' })).toThrow(
      /kycUrl must be a loopback URL/,
    );
    expect(() => createBankApi({ canaryUrl: 'not a url' })).toThrow(
      /canaryUrl must be an absolute http\(s\) URL/,
    );
  });

  it('never fetches a non-loopback URL, even with every SSRF flaw on', async () => {
    bank = await startTestBank();
    const response = await bank.call('POST', '/transactions/import', {
      token: await bank.login('alice'),
      body: { accountId: 1002, url: 'http://10.0.0.1/feed.csv' },
    });
    expect(response.status).toBe(502);
    expect(response.json.message).toContain('ENOTFOUND 10.0.0.1');
  });

  it('answers 503 when a third-party provider is not configured', async () => {
    bank = await startTestBank();
    const response = await bank.call('GET', '/fx/rates', { token: await bank.login('alice') });
    expect(response.status).toBe(503);
    expect(response.json.error).toBe('provider_not_configured');
  });
});
