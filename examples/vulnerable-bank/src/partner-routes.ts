import { createHash, randomUUID, sign, timingSafeEqual } from 'node:crypto';
import type { BankContext, RequestContext } from './bank-context.js';
import { HttpError } from './http-error.js';
import {
  PARTNER_AUDIENCE,
  PARTNER_CLIENT_ID,
  PARTNER_CLIENT_SECRET,
  PARTNER_SCOPE,
  PARTNER_TOKEN_TTL_SECONDS,
} from './partner-client.js';
import { partnerSigningKey } from './partner-signing-key.js';
import { parseStringField } from './parse-field.js';
import type { Route } from './route.js';
import { encodeBase64Url } from './sign-jwt.js';
import { verifyPartnerJwt } from './verify-partner-jwt.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

function unauthorized(code: string, message: string): HttpError {
  return new HttpError(401, code, message, { 'www-authenticate': 'Bearer error="invalid_token"' });
}

/** The partner's verified claims, or an HttpError 401. */
async function authenticatePartner(
  bank: BankContext,
  request: RequestContext,
): Promise<Readonly<Record<string, unknown>>> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.req.headers.authorization ?? '');
  if (!match) throw unauthorized('missing_token', 'Authorization: Bearer <partner access token> is required');
  const result = await verifyPartnerJwt(match[1]!, {
    key: await partnerSigningKey(bank),
    keyConfusion: bank.on('api2-jwt-key-confusion'),
    trustJwkHeader: bank.on('api2-jwt-jwk-header-trusted'),
    followJku: bank.on('api2-jwt-jku-followed'),
    kidFromFile: bank.on('api2-jwt-kid-traversal'),
    canaryOrigin: bank.canaryOrigin,
    now: Math.floor(bank.now() / 1000),
  });
  if (!result.ok) throw unauthorized(result.error, 'the partner access token is invalid or expired');
  return result.claims;
}

/**
 * The partner API: client-credentials tokens signed RS256 with a `kid`, the JWKS that verifies them, and an
 * aggregate endpoint only partners may read. Its verifier carries the JWT header flaws (verify-partner-jwt.ts).
 */
export const partnerRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/partner/token',
    handle: async (bank, request) => {
      const body = await request.body();
      if (body['grant_type'] !== 'client_credentials') {
        throw new HttpError(400, 'unsupported_grant_type', 'grant_type must be "client_credentials"');
      }
      const clientId = parseStringField(body, 'client_id');
      const clientSecret = parseStringField(body, 'client_secret');
      if (
        clientId !== PARTNER_CLIENT_ID ||
        !timingSafeEqual(digest(clientSecret), digest(PARTNER_CLIENT_SECRET))
      ) {
        throw new HttpError(401, 'invalid_client', 'the client credentials are not valid');
      }
      const key = await partnerSigningKey(bank);
      const iat = Math.floor(bank.now() / 1000);
      const input = `${encodeBase64Url({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${encodeBase64Url({
        iss: 'vulnerable-bank',
        aud: PARTNER_AUDIENCE,
        sub: PARTNER_CLIENT_ID,
        scope: PARTNER_SCOPE,
        jti: randomUUID(),
        iat,
        exp: iat + PARTNER_TOKEN_TTL_SECONDS,
      })}`;
      const signature = sign('sha256', Buffer.from(input), key.privateKey).toString('base64url');
      request.json(200, {
        access_token: `${input}.${signature}`,
        token_type: 'Bearer',
        expires_in: PARTNER_TOKEN_TTL_SECONDS,
        scope: PARTNER_SCOPE,
      });
    },
  },
  {
    method: 'GET',
    path: '/.well-known/jwks.json',
    handle: async (bank, request) => {
      request.json(200, { keys: [(await partnerSigningKey(bank)).jwk] });
    },
  },
  {
    method: 'GET',
    path: '/partner/accounts/summary',
    handle: async (bank, request) => {
      const claims = await authenticatePartner(bank, request);
      const totals: Record<string, number> = {};
      let accounts = 0;
      for (const account of bank.state.accounts.values()) {
        accounts++;
        totals[account.currency] =
          Math.round(((totals[account.currency] ?? 0) + account.balance) * 100) / 100;
      }
      request.json(200, {
        partner: claims['sub'],
        scope: claims['scope'],
        customers: [...bank.state.users.values()].filter((user) => user.role !== 'admin').length,
        accounts,
        totalBalance: totals,
      });
    },
  },
];
