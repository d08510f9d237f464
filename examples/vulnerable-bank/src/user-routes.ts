import { fetchGuarded, FetchError } from './fetch-guarded.js';
import { HttpError } from './http-error.js';
import { isPartnerUrl } from './is-partner-url.js';
import { parseStringField } from './parse-field.js';
import { renderTemplate } from './render-template.js';
import type { Route } from './route.js';
import { viewUser } from './view-user.js';

const EDITABLE = new Set(['displayName', 'email', 'phone']);
const READ_ONLY = new Set([
  'id',
  'username',
  'role',
  'kycStatus',
  'referralCode',
  'passwordHash',
  'createdAt',
  'avatar',
]);

/** The customer's own profile, greeting and avatar. */
export const userRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/users/me',
    handle: (bank, request) => request.json(200, viewUser(bank, request.user())),
  },
  {
    method: 'PATCH',
    path: '/users/me',
    handle: async (bank, request) => {
      const user = request.user();
      const body = await request.body();
      if (bank.on('api3-mass-assignment-role')) {
        // Binds the whole body onto the record (CWE-915), role included.
        const { id: _id, ...rest } = body;
        Object.assign(user, rest);
      } else {
        for (const key of Object.keys(body)) {
          if (READ_ONLY.has(key)) {
            throw new HttpError(400, 'read_only_property', `${key} cannot be changed through this operation`);
          }
          if (!EDITABLE.has(key)) {
            throw new HttpError(400, 'unknown_property', `${key} is not a property of UserUpdate`);
          }
        }
        const update: Record<string, string> = {};
        for (const key of Object.keys(body)) update[key] = parseStringField(body, key, { max: 80 });
        if (update['email'] !== undefined && !/^[^@\s]+@[^@\s]+$/.test(update['email'])) {
          throw new HttpError(
            400,
            'invalid_request',
            `email must be an e-mail address, got "${update['email']}"`,
          );
        }
        Object.assign(user, update);
      }
      request.json(200, viewUser(bank, user));
    },
  },
  {
    method: 'GET',
    path: '/users/me/greeting',
    handle: (bank, request) => {
      const user = request.user();
      const greeting = bank.on('injection-template-greeting')
        ? renderTemplate(`Welcome back, ${user.displayName}`, {
            user: { username: user.username, displayName: user.displayName },
            bank: { name: 'Vulnerable Bank' },
          })
        : `Welcome back, ${user.displayName}`;
      request.json(200, { greeting });
    },
  },
  {
    method: 'PUT',
    path: '/users/me/avatar',
    handle: async (bank, request) => {
      const user = request.user();
      const url = parseStringField(await request.body(), 'url', { max: 2048 });
      if (!bank.on('api7-avatar-url-ssrf') && !isPartnerUrl(bank, url)) {
        throw new HttpError(400, 'url_not_allowed', "avatars can only be taken from the bank's image CDN");
      }
      try {
        const result = await fetchGuarded(url, { canaryOrigin: bank.canaryOrigin, followRedirects: false });
        user.avatar = {
          url,
          size: result.body.length,
          contentType: String(result.headers['content-type'] ?? 'application/octet-stream'),
        };
      } catch (error) {
        if (error instanceof FetchError) {
          throw new HttpError(502, 'upstream_unreachable', `could not fetch the avatar: ${error.message}`);
        }
        throw error;
      }
      request.json(200, { avatar: user.avatar });
    },
  },
];
