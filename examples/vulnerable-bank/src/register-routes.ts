import type { User } from './create-bank-state.js';
import { hashPassword } from '@rampart/example-demo-support';
import { HttpError } from './http-error.js';
import { parseStringField } from './parse-field.js';
import type { Route } from './route.js';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * Self-service sign-up. Not a flaw: the new user is always a customer (the role is never read from the body),
 * usernames are unique (409), the password needs 10 characters, and unknown properties are rejected.
 */
export const registerRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/auth/register',
    handle: async (bank, request) => {
      const body = await request.body();
      const allowed = new Set(['username', 'password', 'displayName', 'email']);
      for (const key of Object.keys(body)) {
        if (!allowed.has(key)) {
          throw new HttpError(400, 'unknown_property', `${key} is not a property of RegisterRequest`);
        }
      }
      const username = parseStringField(body, 'username', { min: 3, max: 64 });
      if (!USERNAME.test(username)) {
        throw new HttpError(
          400,
          'invalid_request',
          `username must be 3 to 64 letters, digits, ".", "_" or "-", got ${JSON.stringify(username)}`,
        );
      }
      const password = parseStringField(body, 'password', { min: 10, max: 128 });
      const displayName =
        body['displayName'] === undefined ? username : parseStringField(body, 'displayName', { max: 80 });
      const email =
        body['email'] === undefined
          ? `${username}@customers.vulnerable-bank.example`
          : parseStringField(body, 'email', { max: 120 });
      if (!EMAIL.test(email)) {
        throw new HttpError(400, 'invalid_request', `email must be an e-mail address, got "${email}"`);
      }
      const users = [...bank.state.users.values()];
      if (users.some((user) => user.username.toLowerCase() === username.toLowerCase())) {
        throw new HttpError(409, 'username_taken', `the username ${JSON.stringify(username)} already exists`);
      }
      const user: User = {
        id: Math.max(0, ...users.map((u) => u.id)) + 1,
        username,
        displayName,
        email,
        phone: '',
        ssn: '000-00-0000',
        dateOfBirth: '',
        role: 'customer',
        passwordHash: hashPassword(password),
        referralCode: `REF-${username.slice(0, 12).toUpperCase()}-${bank.state.users.size + 1}`,
        kycStatus: 'none',
        avatar: null,
        createdAt: new Date(bank.now()).toISOString(),
      };
      bank.state.users.set(user.id, user);
      request.json(201, { id: user.id, username: user.username, role: user.role });
    },
  },
];
