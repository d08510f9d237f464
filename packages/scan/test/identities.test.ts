import { RampartValidationError } from '@rampart/core';
import { parseIdentities, scanTarget } from '@rampart/scan';
import { describe, expect, it } from 'vitest';
import { BANK_IDENTITIES_YAML, bankIdentities, bankModel, createBankApi } from './start-bank.js';

describe('parseIdentities', () => {
  it('reads identities with static credentials and login flows, substituting the environment', () => {
    const config = parseIdentities(
      `
identities:
  - name: ops
    admin: true
    headers: { X-API-Key: "\${OPS_KEY}" }
  - name: carol
    role: customer
    cookies: { session: abc }
`,
      'ids.yaml',
      { env: { OPS_KEY: 'k-1' } },
    );
    expect(config.identities).toEqual([
      { name: 'ops', admin: true, headers: { 'X-API-Key': 'k-1' } },
      { name: 'carol', role: 'customer', cookies: { session: 'abc' } },
    ]);
    expect(bankIdentities().identities.map((i) => i.name)).toEqual(['alice', 'bob', 'admin', 'partner']);
  });

  it('lists every problem with its path in one error', () => {
    let error: unknown;
    try {
      parseIdentities(
        `
identities:
  - name: anonymous
    bearer: x
  - name: bob
  - name: eve
    login:
      steps:
        - method: POST
          path: /login
          json: { password: "\${MISSING_ENV}" }
          extract: { token: { from: body } }
      apply: { bearer: "{{tokn}}" }
  - name: eve2
    colour: red
    bearer: t
`,
        'ids.yaml',
        { env: {} },
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RampartValidationError);
    const problems = (error as RampartValidationError).problems.map((p) => `${p.path}: ${p.message}`);
    expect((error as RampartValidationError).code).toBe('RAMPART_ERR_CONFIG_IDENTITIES');
    expect(problems).toEqual(
      expect.arrayContaining([
        'identities[0].name: "anonymous" is reserved',
        'identities[1]: identity "bob" has no credentials',
        expect.stringMatching(
          /^identities\[2\]\.login\.steps\[0\]\.json\.password: environment variable MISSING_ENV is not set/,
        ),
        expect.stringMatching(/^identities\[2\]\.login\.steps\[0\]\.extract\.token: must be/),
        'identities[2].login.apply: uses {{tokn}} before any step extracts it',
        'identities[3].colour: unknown key "colour"',
      ]),
    );
  });
});

describe('parseIdentities positions', () => {
  it('gives every problem the file, line and column of the key it is about', () => {
    let error: unknown;
    try {
      parseIdentities(
        'identities:\n  - name: ok\n    bearer: t\n  - name: eve\n    role: 7\n    bearer: t\n',
        'ids.yaml',
      );
    } catch (caught) {
      error = caught;
    }
    expect((error as RampartValidationError).problems).toEqual([
      {
        path: 'identities[1].role',
        message: 'must be a string',
        hint: 'identities with the same role are peers, e.g. role: customer',
        location: { file: 'ids.yaml', line: 5, column: 5 },
      },
    ]);
    expect((error as Error).message).toContain('identities[1].role: must be a string (ids.yaml:5:5)');
  });
});

describe('preflight', () => {
  it('stops the scan with a message naming the identity whose login fails', async () => {
    const bank = createBankApi({ secure: true });
    const target = await bank.listen({ port: 0 });
    try {
      const identities = parseIdentities(BANK_IDENTITIES_YAML, 'identities.yaml', {
        env: {
          BANK_ALICE_PASSWORD: 'Alice-Wonder-2024',
          BANK_BOB_PASSWORD: 'wrong-password',
          BANK_ADMIN_PASSWORD: 'x',
          BANK_PARTNER_SECRET: 'x',
        },
      });
      await expect(scanTarget({ model: await bankModel(), target, identities })).rejects.toMatchObject({
        code: 'RAMPART_ERR_SCAN_PREFLIGHT',
        message: expect.stringMatching(/identity "bob": login step 1 \(POST \/auth\/login\) answered 401/),
      });
    } finally {
      await bank.close();
    }
  });

  it("stops the scan when an identity's static token is not accepted", async () => {
    const bank = createBankApi({ secure: true });
    const target = await bank.listen({ port: 0 });
    try {
      const identities = parseIdentities(
        'preflight: { method: GET, path: /users/me }\nidentities:\n  - name: mallory\n    bearer: not-a-token\n',
        'identities.yaml',
      );
      await expect(scanTarget({ model: await bankModel(), target, identities })).rejects.toThrow(
        /identity "mallory": preflight GET \/users\/me answered 401/,
      );
    } finally {
      await bank.close();
    }
  });
});
