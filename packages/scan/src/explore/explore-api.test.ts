import { loadApiFromString } from '@rampart/openapi';
import { describe, expect, it } from 'vitest';
import type { IdentitySession } from '../identities/identity-session.js';
import { createOwnershipLedger } from '../ownership-ledger.js';
import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';
import { exploreApi } from './explore-api.js';
import { createValuePool } from './value-pool.js';

// Exploration's use of the identities' JWT claims: what it pools, what it records as owned, and which
// operations the pooled claims open. A fake session answers 200 to everything, so nothing else feeds the pool.

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2ln`;
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const get = (...names: string[]) => ({
  get: { parameters: names.map(path), responses: { '200': { description: 'ok' } } },
});
const document = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 'tiny directory', version: '1' },
  paths: {
    '/users/{userId}': get('userId'),
    '/profiles/{username}': get('username'),
    '/contacts/{email}': get('email'),
    '/tenants/{tenantId}/settings': get('tenantId'),
    '/subjects/{sub}': get('sub'),
    '/accounts/{accountId}': get('accountId'),
  },
});

function fakeSession(name: string, token: string | undefined, sent: string[]): IdentitySession {
  const credentials = {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    cookies: {},
    ...(token === undefined
      ? {}
      : { jwt: { token, place: { kind: 'header', name: 'authorization', prefix: 'Bearer ' } as const } }),
  };
  const send = async (request: ScanRequest): Promise<ScanResponse> => {
    sent.push(new URL(request.url).pathname);
    return { status: 200, headers: {}, setCookies: [], body: '', truncated: false, durationMs: 1, request };
  };
  return {
    name,
    anonymous: false,
    role: 'customer',
    admin: false,
    canLogin: false,
    credentials: async () => credentials,
    send,
    sendWith: send,
    login: async () => credentials,
  };
}

async function explore(token: string | undefined) {
  const sent: string[] = [];
  const values = createValuePool();
  const ledger = createOwnershipLedger();
  await exploreApi({
    model: await loadApiFromString(document, 'tiny.json'),
    target: 'http://127.0.0.1:9',
    sessions: [fakeSession('alice', token, sent)],
    values,
    ledger,
    baselines: [],
    create: false,
    marker: () => 'marker',
  });
  return { sent, values, ledger };
}

describe('exploreApi with identities that hold a JWT', () => {
  it('pools every identifier claim under its key (and its own name), and fills path parameters with them', async () => {
    const { sent, values, ledger } = await explore(
      jwt({
        sub: '42',
        preferred_username: 'alice',
        email: 'alice@dir.test',
        tid: 't-acme',
        account_id: 'acc-7',
        name: 'Alice Example',
        jti: 'j-1',
      }),
    );
    expect(values.all().map((v) => [v.key, v.value, v.resource, v.source])).toEqual([
      ['userid', 42, 'user', 'jwt sub'],
      ['sub', 42, undefined, 'jwt sub'],
      ['username', 'alice', 'user', 'jwt preferred_username'],
      ['preferredusername', 'alice', undefined, 'jwt preferred_username'],
      ['email', 'alice@dir.test', 'user', 'jwt email'],
      ['tenantid', 't-acme', 'tenant', 'jwt tid'],
      ['tid', 't-acme', undefined, 'jwt tid'],
      ['accountid', 'acc-7', 'account', 'jwt account_id'],
    ]);
    expect(values.all().every((v) => v.identity === 'alice')).toBe(true);
    // The token's user is the identity's own object; its tenant is not (others share it).
    expect(ledger.ownedBy('alice').map((o) => [o.resource, o.id, o.created])).toEqual([['user', 42, false]]);
    expect(sent.sort()).toEqual([
      '/accounts/acc-7',
      '/contacts/alice%40dir.test',
      '/profiles/alice',
      '/subjects/42',
      '/tenants/t-acme/settings',
      '/users/42',
    ]);
  });

  it.each([
    ['an opaque bearer token', 'opaque-token'],
    ['a malformed JWT', 'a.b.c'],
    ['no token at all', undefined],
  ])('pools nothing and sends nothing for operations that need a claim, with %s', async (_, token) => {
    const { sent, values, ledger } = await explore(token);
    expect(values.all()).toEqual([]);
    expect(ledger.ownedBy('alice')).toEqual([]);
    expect(sent).toEqual([]);
  });
});
