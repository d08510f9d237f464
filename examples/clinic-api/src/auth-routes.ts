import { randomBytes, randomUUID } from 'node:crypto';
import { ClinicError } from './clinic-error.js';
import { SESSION_COOKIE } from './create-request-context.js';
import { hashPassword, verifyPassword } from '@rampart/example-demo-support';
import { API_BASE, type Route } from './route.js';
import { viewAccount } from './view-account.js';

/** Failed logins per email within {@link LOCKOUT_WINDOW_MS} that lock the email (while the flaw is off). */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const text = (value: unknown, name: string, max: number): string => {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new ClinicError(
      422,
      'invalid_field',
      `${name} must be a non-empty string of at most ${max} characters`,
    );
  }
  return value.trim();
};

/** Self-registration, the form login that sets the session cookie, and logout. */
export const authRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: `${API_BASE}/auth/register`,
    handle: async (clinic, request) => {
      const body = await request.json();
      const email = text(body['email'], 'email', 200).toLowerCase();
      if (!EMAIL.test(email)) throw new ClinicError(422, 'invalid_field', 'email must be an e-mail address');
      const password = text(body['password'], 'password', 200);
      if (password.length < 10) {
        throw new ClinicError(422, 'weak_password', 'password must have at least 10 characters');
      }
      const fullName = text(body['full_name'], 'full_name', 120);
      if ([...clinic.state.accounts.values()].some((a) => a.email === email)) {
        throw new ClinicError(409, 'email_taken', 'an account with this email already exists');
      }
      const id = randomUUID();
      const account = {
        id,
        email,
        password_hash: hashPassword(password),
        full_name: fullName,
        phone: typeof body['phone'] === 'string' ? body['phone'].slice(0, 40) : '',
        date_of_birth: typeof body['date_of_birth'] === 'string' ? body['date_of_birth'].slice(0, 10) : '',
        ssn: '',
        // Flaw api3-register-mass-assignment: the whole body is bound, privileged flag included.
        is_staff: clinic.on('api3-register-mass-assignment') && body['is_staff'] === true,
        created_at: new Date(clinic.now()).toISOString(),
      };
      clinic.state.accounts.set(id, account);
      request.send(201, viewAccount(account), { location: `${API_BASE}/me` });
    },
  },
  {
    method: 'POST',
    path: `${API_BASE}/auth/login`,
    handle: async (clinic, request) => {
      const type = String(request.req.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        throw new ClinicError(
          415,
          'unsupported_media_type',
          'send the login as application/x-www-form-urlencoded',
        );
      }
      const form = await request.form();
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const password = form.get('password') ?? '';
      if (email === '' || password === '') {
        throw new ClinicError(422, 'invalid_field', 'email and password are required');
      }
      const now = clinic.now();
      const failures = (clinic.loginFailures.get(email) ?? []).filter((at) => at > now - LOCKOUT_WINDOW_MS);
      if (!clinic.on('api2-login-no-rate-limit') && failures.length >= LOCKOUT_FAILURES) {
        const retry = Math.ceil((failures[0]! + LOCKOUT_WINDOW_MS - now) / 1000);
        throw new ClinicError(429, 'too_many_attempts', 'too many failed sign-ins for this email', {
          'retry-after': String(retry),
        });
      }
      const account = [...clinic.state.accounts.values()].find((a) => a.email === email);
      if (account === undefined || !verifyPassword(password, account.password_hash)) {
        failures.push(now);
        clinic.loginFailures.set(email, failures);
        throw new ClinicError(401, 'invalid_credentials', 'the email or password is wrong');
      }
      clinic.loginFailures.delete(email);
      const sid = randomBytes(24).toString('base64url');
      clinic.sessions.set(sid, account.id);
      request.send(
        200,
        { user_id: account.id, is_staff: account.is_staff },
        { 'set-cookie': `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax` },
      );
    },
  },
  {
    method: 'POST',
    path: `${API_BASE}/auth/logout`,
    handle: (clinic, request) => {
      request.account();
      for (const part of (request.req.headers.cookie ?? '').split(';')) {
        const [name, value] = part.trim().split('=');
        if (name === SESSION_COOKIE && value !== undefined) clinic.sessions.delete(value);
      }
      request.send(204, undefined, {
        'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
      });
    },
  },
];
