import { randomInt, randomUUID } from 'node:crypto';
import type { BankContext } from './bank-context.js';
import type { User } from './create-bank-state.js';
import { hashPassword, verifyPassword } from '@rampart/example-demo-support';
import { HttpError } from './http-error.js';
import { limitResetRequests } from './limit-reset-requests.js';
import { matchQueryOperand } from './match-query-operand.js';
import { parseStringField } from './parse-field.js';
import type { Route } from './route.js';
import { signJwt } from './sign-jwt.js';

/** Access tokens live 15 minutes. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
const LOCKOUT_THRESHOLD = 5;
const OTP_ATTEMPTS = 5;
const OTP_TTL_MS = 10 * 60 * 1000;

function issueToken(bank: BankContext, user: User): Record<string, unknown> {
  const iat = Math.floor(bank.now() / 1000);
  const accessToken = signJwt(
    {
      iss: 'vulnerable-bank',
      aud: 'bank-api',
      sub: String(user.id),
      jti: randomUUID(),
      iat,
      exp: iat + ACCESS_TOKEN_TTL_SECONDS,
      name: user.username,
    },
    bank.jwtSecret,
  );
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user: { id: user.id, username: user.username, role: user.role },
  };
}

function findUserByOperand(bank: BankContext, operand: unknown): User | undefined {
  for (const user of bank.state.users.values()) {
    if (matchQueryOperand(user.username, operand, (value) => value === user.username)) return user;
  }
  return undefined;
}

function recentFailures(bank: BankContext, username: string): number[] {
  const since = bank.now() - LOCKOUT_WINDOW_MS;
  const failures = (bank.loginFailures.get(username) ?? []).filter((at) => at > since);
  bank.loginFailures.set(username, failures);
  return failures;
}

function recordFailure(bank: BankContext, username: string): void {
  bank.loginFailures.set(username, [...(bank.loginFailures.get(username) ?? []), bank.now()]);
}

async function login(bank: BankContext, request: Parameters<Route['handle']>[1]): Promise<void> {
  const body = await request.body();
  const nosql = bank.on('injection-nosql-login');
  let user: User | undefined;
  let username: string;
  if (nosql && (typeof body['username'] === 'object' || typeof body['password'] === 'object')) {
    // The body goes into the "query" as it came: operators included (CWE-943).
    user = findUserByOperand(bank, body['username']);
    username = user?.username ?? String(body['username']);
  } else {
    username = parseStringField(body, 'username', { max: 64 });
    parseStringField(body, 'password', { max: 256 });
    user = [...bank.state.users.values()].find((candidate) => candidate.username === username);
  }

  if (!bank.on('api2-login-no-rate-limit')) {
    const failures = recentFailures(bank, username);
    if (failures.length >= LOCKOUT_THRESHOLD) {
      const retryAfter = Math.max(1, Math.ceil((failures[0]! + LOCKOUT_WINDOW_MS - bank.now()) / 1000));
      throw new HttpError(429, 'too_many_attempts', 'too many failed logins; try again later', {
        'retry-after': String(retryAfter),
      });
    }
  }

  const enumerate = bank.on('api2-user-enumeration');
  if (user === undefined) {
    recordFailure(bank, username);
    if (enumerate) throw new HttpError(404, 'user_not_found', `no user named ${JSON.stringify(username)}`);
    throw new HttpError(401, 'invalid_credentials', 'username or password is wrong');
  }
  const found = user;
  const ok = matchQueryOperand(found.passwordHash, body['password'], (value) =>
    verifyPassword(value, found.passwordHash),
  );
  if (!ok) {
    recordFailure(bank, username);
    if (enumerate) throw new HttpError(401, 'wrong_password', `the password for ${username} is wrong`);
    throw new HttpError(401, 'invalid_credentials', 'username or password is wrong');
  }
  bank.loginFailures.delete(username);
  request.json(200, issueToken(bank, found));
}

/** Login, logout and password reset. */
export const authRoutes: readonly Route[] = [
  { method: 'POST', path: '/auth/login', handle: login },
  {
    method: 'POST',
    path: '/auth/logout',
    handle: (bank, request) => {
      request.user();
      const token = /^Bearer\s+(\S+)$/i.exec(request.req.headers.authorization ?? '')?.[1] ?? '';
      const payload = token.split('.')[1] ?? '';
      try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti?: unknown };
        if (!bank.on('api2-token-valid-after-logout')) bank.revokedTokens.add(String(claims.jti));
      } catch {
        // request.user() already proved the token parses.
      }
      request.json(204, undefined);
    },
  },
  {
    method: 'POST',
    path: '/auth/password-reset',
    handle: async (bank, request) => {
      const username = parseStringField(await request.body(), 'username', { max: 64 });
      limitResetRequests(bank, request, username);
      const user = [...bank.state.users.values()].find((candidate) => candidate.username === username);
      if (user === undefined) {
        if (bank.on('api2-user-enumeration')) {
          throw new HttpError(404, 'user_not_found', `no user named ${JSON.stringify(username)}`);
        }
      } else {
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        bank.resetCodes.set(username, { code, attempts: 0, expiresAt: bank.now() + OTP_TTL_MS });
        bank.sendOtp({ username, code, purpose: 'password-reset' });
      }
      request.json(202, { message: 'If the account exists, a one-time code was sent to its phone.' });
    },
  },
  {
    method: 'POST',
    path: '/auth/password-reset/confirm',
    handle: async (bank, request) => {
      const body = await request.body();
      const username = parseStringField(body, 'username', { max: 64 });
      const otp = parseStringField(body, 'otp', { max: 12 });
      const newPassword = parseStringField(body, 'newPassword', { min: 10, max: 128 });
      const entry = bank.resetCodes.get(username);
      const invalid = new HttpError(
        400,
        'invalid_otp',
        'the one-time code is wrong or expired; request a new one',
      );
      if (entry === undefined || entry.expiresAt < bank.now()) throw invalid;
      if (otp !== entry.code) {
        entry.attempts++;
        if (!bank.on('api2-otp-no-attempt-limit') && entry.attempts >= OTP_ATTEMPTS)
          bank.resetCodes.delete(username);
        throw invalid;
      }
      const user = [...bank.state.users.values()].find((candidate) => candidate.username === username);
      if (user === undefined) throw invalid;
      user.passwordHash = hashPassword(newPassword);
      bank.resetCodes.delete(username);
      request.json(204, undefined);
    },
  },
];
