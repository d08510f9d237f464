import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequestBody } from '@rampart/example-demo-support';
import type { BankContext, RequestContext } from './bank-context.js';
import { ADMIN_API_KEY, type User } from './create-bank-state.js';
import { HttpError } from './http-error.js';
import { verifyJwt } from './verify-jwt.js';

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return readRequestBody(
    req,
    MAX_BODY_BYTES,
    (max) => new HttpError(413, 'payload_too_large', `request body exceeds ${max} bytes`),
  );
}

function unauthorized(code: string, message: string): HttpError {
  return new HttpError(401, code, message, { 'www-authenticate': `Bearer error="invalid_token"` });
}

/** Wraps one request of one bank instance. */
export function createRequestContext(
  bank: BankContext,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
): RequestContext {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let cachedBody: Promise<Record<string, unknown>> | undefined;

  const user = (): User => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('missing_token', 'Authorization: Bearer <access token> is required');
    const result = verifyJwt(match[1]!, {
      secret: bank.jwtSecret,
      acceptAlgNone: bank.on('api2-jwt-alg-none'),
      ignoreExpiry: bank.on('api2-jwt-expired-accepted'),
      now: Math.floor(bank.now() / 1000),
    });
    if (!result.ok) throw unauthorized(result.error, 'the access token is invalid or expired; log in again');
    if (!bank.on('api2-token-valid-after-logout') && bank.revokedTokens.has(String(result.claims.jti))) {
      throw unauthorized('token_revoked', 'the access token was revoked by logout; log in again');
    }
    const found = bank.state.users.get(Number(result.claims.sub));
    if (found === undefined) throw unauthorized('invalid_token', 'the access token names no existing user');
    return found;
  };

  return {
    req,
    res,
    url,
    method,
    params: {},
    correlationId: randomUUID(),
    body: () => {
      cachedBody ??= readBody(req).then((text) => {
        if (text.trim() === '') return {};
        const value: unknown = JSON.parse(text);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw new HttpError(400, 'invalid_request', 'the request body must be a JSON object');
        }
        return value as Record<string, unknown>;
      });
      return cachedBody;
    },
    user,
    admin: (weakeningFlaw) => {
      const key =
        req.headers['x-api-key'] ??
        (bank.on('api2-api-key-in-query') ? url.searchParams.get('api_key') : null);
      if (key !== undefined && key !== null) {
        if (key === ADMIN_API_KEY) return 'api-key';
        throw new HttpError(401, 'invalid_api_key', 'the admin API key is not valid');
      }
      const caller = user();
      if (caller.role !== 'admin' && !bank.on(weakeningFlaw)) {
        throw new HttpError(403, 'forbidden', 'this operation needs the admin role');
      }
      return caller;
    },
    json: (status, body, headers = {}) => {
      const text = status === 204 ? '' : JSON.stringify(body);
      res.writeHead(status, {
        ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        ...headers,
      });
      res.end(text);
    },
    text: (status, body, contentType) => {
      res.writeHead(status, { 'content-type': contentType });
      res.end(body);
    },
  };
}
