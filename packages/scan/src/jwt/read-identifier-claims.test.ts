import { describe, expect, it } from 'vitest';
import { readIdentifierClaims } from './read-identifier-claims.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (payload: unknown) => `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2ln`;
const read = (payload: unknown) =>
  readIdentifierClaims(token(payload)).map((c) => [c.claim, c.kind, c.resource, c.key, c.value]);

const UUID = '6f1c2a9e-3b7d-4e5f-8a9b-0c1d2e3f4a5b';

describe('readIdentifierClaims', () => {
  it('reads the user id, username and e-mail claims, unverified, in payload order', () => {
    expect(
      read({
        sub: '42',
        user_id: 'u-9',
        preferred_username: 'alice',
        email: 'a@x.test',
        iat: 1,
        exp: 2,
        jti: 'j',
        iss: 'https://issuer.test',
        aud: 'api',
        name: 'Alice Example',
        scope: 'read write',
      }),
    ).toEqual([
      ['sub', 'user-id', 'user', 'userid', 42],
      ['user_id', 'user-id', 'user', 'userid', 'u-9'],
      ['preferred_username', 'username', 'user', 'username', 'alice'],
      ['email', 'email', 'user', 'email', 'a@x.test'],
    ]);
  });

  it.each([
    ['sub', 'user-id', 'userid'],
    ['id', 'user-id', 'userid'],
    ['uid', 'user-id', 'userid'],
    ['userId', 'user-id', 'userid'],
    ['oid', 'user-id', 'userid'],
    ['username', 'username', 'username'],
    ['preferred_username', 'username', 'username'],
    ['login', 'username', 'username'],
    ['tid', 'tenant-id', 'tenantid'],
    ['tenant', 'tenant-id', 'tenantid'],
    ['tenant_id', 'tenant-id', 'tenantid'],
    ['tenantId', 'tenant-id', 'tenantid'],
  ])('knows %s as a %s under %s', (claim, kind, key) => {
    const [found] = readIdentifierClaims(token({ [claim]: 'v-1' }));
    expect(found).toMatchObject({ claim, kind, key, value: 'v-1' });
  });

  it.each([
    ['account_id', 'account', 'accountid'],
    ['accountId', 'account', 'accountid'],
    ['account-ID', 'account', 'accountid'],
    ['accountid', 'account', 'accountid'],
    ['bank_account_id', 'bankaccount', 'bankaccountid'],
    ['deviceUUID', 'device', 'deviceuuid'],
    ['org_guid', 'org', 'orgguid'],
    ['companies_id', 'company', 'companiesid'],
  ])('reads %s as the id of a %s under %s', (claim, resource, key) => {
    expect(read({ [claim]: 7 })).toEqual([[claim, 'object-id', resource, key, 7]]);
  });

  it('counts an id claim of resource user as a user id and of resource tenant as a tenant id', () => {
    expect(read({ user_uuid: UUID, tenant_guid: 'acme' })).toEqual([
      ['user_uuid', 'user-id', 'user', 'useruuid', UUID],
      ['tenant_guid', 'tenant-id', 'tenant', 'tenantguid', 'acme'],
    ]);
  });

  it.each([
    ['jti', 'the token id'],
    ['sid', 'a session id'],
    ['paid', 'too short before "id"'],
    ['idp', 'does not end in id'],
    ['identity', 'does not end in id'],
    ['name', 'a display name'],
    ['nickname', 'not unique'],
    ['email_verified', 'not an id'],
    ['iss', 'registered, not an identifier'],
  ])('ignores %s (%s)', (claim) => {
    expect(readIdentifierClaims(token({ [claim]: 'x-123456' }))).toEqual([]);
  });

  it('takes only top-level claims, never nested objects or arrays', () => {
    expect(
      read({
        user: { id: 5, email: 'n@x.test' },
        realm_access: { roles: ['admin'] },
        account_ids: [1, 2],
        org_id: ['o-1'],
        tenant: { id: 't-1' },
      }),
    ).toEqual([]);
  });

  it('turns digit strings a number holds exactly into numbers, and keeps the rest as sent', () => {
    expect(
      read({ sub: '42', uid: '0', account_id: '007', user_id: '108234567890123456789', tid: '12a' }),
    ).toEqual([
      ['sub', 'user-id', 'user', 'userid', 42],
      ['uid', 'user-id', 'user', 'userid', 0],
      // A leading zero or more than 15 digits would change the value as a number (Google's `sub` has 21).
      ['account_id', 'object-id', 'account', 'accountid', '007'],
      ['user_id', 'user-id', 'user', 'userid', '108234567890123456789'],
      ['tid', 'tenant-id', 'tenant', 'tenantid', '12a'],
    ]);
  });

  it('keeps numeric ids that are non-negative safe integers', () => {
    expect(read({ sub: 42, uid: 0, user_id: -1, account_id: 1.5, org_id: 2 ** 53, tid: Number.NaN })).toEqual(
      [
        ['sub', 'user-id', 'user', 'userid', 42],
        ['uid', 'user-id', 'user', 'userid', 0],
      ],
    );
  });

  it('keeps UUIDs as strings, in their case', () => {
    const upper = UUID.toUpperCase();
    expect(read({ sub: UUID, tenantId: upper })).toEqual([
      ['sub', 'user-id', 'user', 'userid', UUID],
      ['tenantId', 'tenant-id', 'tenant', 'tenantid', upper],
    ]);
  });

  it('takes an e-mail claim only when it is an address', () => {
    expect(read({ email: 'bob@shop.test' })).toEqual([['email', 'email', 'user', 'email', 'bob@shop.test']]);
    for (const email of ['bob', 'bob@', '@shop.test', 'a b@shop.test', 42])
      expect(readIdentifierClaims(token({ email }))).toEqual([]);
  });

  it('ignores empty, over-long, boolean and null values', () => {
    expect(read({ sub: '', uid: 'x'.repeat(201), user_id: true, oid: null, tid: 'x'.repeat(200) })).toEqual([
      ['tid', 'tenant-id', 'tenant', 'tenantid', 'x'.repeat(200)],
    ]);
  });

  it('is not fooled by claim names that are properties of every object', () => {
    const payload = '{"constructor":"c-1","__proto__":"p-1","toString":"s-1","hasOwnProperty":"h-1"}';
    const raw = `${part({ alg: 'HS256' })}.${Buffer.from(payload).toString('base64url')}.s`;
    expect(readIdentifierClaims(raw)).toEqual([]);
  });

  it.each([
    ['an opaque bearer token', 'opaque-token'],
    ['an empty string', ''],
    ['three parts that are not base64url JSON', 'a.b.c'],
    ['a JWE (five parts)', `${part({ alg: 'dir', enc: 'A256GCM' })}.${part({ sub: '1' })}.c.d.e`],
    [
      'a payload that is not JSON',
      `${part({ alg: 'HS256' })}.${Buffer.from('{sub:1').toString('base64url')}.s`,
    ],
    ['a payload that is an array', `${part({ alg: 'HS256' })}.${part([{ sub: '1' }])}.s`],
    ['a payload that is a string', `${part({ alg: 'HS256' })}.${part('sub')}.s`],
    ['a header that is not JSON', `bm90IGpzb24.${part({ sub: '1' })}.s`],
    [
      'bytes that are not UTF-8',
      `${part({ alg: 'HS256' })}.${Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url')}.s`,
    ],
  ])('gives nothing, without throwing, for %s', (_, value) => {
    expect(readIdentifierClaims(value)).toEqual([]);
  });

  it('reads an unsigned token (alg none, empty signature) like any other', () => {
    const unsigned = `${part({ alg: 'none' })}.${part({ sub: 'u-1' })}.`;
    expect(readIdentifierClaims(unsigned)).toEqual([
      { claim: 'sub', kind: 'user-id', resource: 'user', key: 'userid', value: 'u-1' },
    ]);
  });
});
