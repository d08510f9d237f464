import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequestBody } from '@rampart/example-demo-support';
import type { ClinicContext, RequestContext } from './clinic-context.js';
import { ClinicError } from './clinic-error.js';
import type { Account } from './create-clinic-state.js';

/** The name of the session cookie set by `POST /auth/login`. */
export const SESSION_COOKIE = 'clinic_session';
const MAX_BODY_BYTES = 256 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return readRequestBody(
    req,
    MAX_BODY_BYTES,
    (max) => new ClinicError(413, 'body_too_large', `the request body exceeds ${max} bytes`),
  );
}

/** The value of one cookie in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Wraps one request of one clinic instance. */
export function createRequestContext(
  clinic: ClinicContext,
  req: IncomingMessage,
  res: ServerResponse,
): RequestContext {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let text: Promise<string> | undefined;
  const body = () => {
    text ??= readBody(req);
    return text;
  };
  const account = (): Account => {
    const sid = readCookie(req.headers.cookie, SESSION_COOKIE);
    const id = sid === undefined ? undefined : clinic.sessions.get(sid);
    const found = id === undefined ? undefined : clinic.state.accounts.get(id);
    if (found === undefined) {
      throw new ClinicError(
        401,
        'not_signed_in',
        'sign in first: the clinic_session cookie is missing or expired',
      );
    }
    return found;
  };
  return {
    req,
    res,
    url,
    method: (req.method ?? 'GET').toUpperCase(),
    params: {},
    json: async () => {
      const raw = await body();
      if (raw.trim() === '') return {};
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ClinicError(400, 'invalid_body', 'the request body must be a JSON object');
      }
      return value as Record<string, unknown>;
    },
    form: async () => new URLSearchParams(await body()),
    account,
    staff: () => {
      const caller = account();
      if (!caller.is_staff) throw new ClinicError(403, 'staff_only', 'this operation is for clinic staff');
      return caller;
    },
    send: (status, payload, headers = {}) => {
      const out = status === 204 ? '' : JSON.stringify(payload);
      res.writeHead(status, {
        ...(out ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        ...headers,
      });
      res.end(out);
    },
    sendText: (status, payload, contentType) => {
      res.writeHead(status, { 'content-type': contentType });
      res.end(payload);
    },
  };
}
