import { ClinicError } from './clinic-error.js';
import { API_BASE, type Route } from './route.js';
import { viewAccount } from './view-account.js';

/** The caller's own profile. */
export const profileRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: `${API_BASE}/me`,
    handle: (_clinic, request) => request.send(200, viewAccount(request.account())),
  },
  {
    method: 'PATCH',
    path: `${API_BASE}/me`,
    handle: async (clinic, request) => {
      const account = request.account();
      const body = await request.json();
      for (const field of ['full_name', 'phone'] as const) {
        const value = body[field];
        if (value === undefined) continue;
        if (typeof value !== 'string' || value.length > 120) {
          throw new ClinicError(422, 'invalid_field', `${field} must be a string of at most 120 characters`);
        }
        account[field] = value;
      }
      // Flaw api3-profile-mass-assignment: the privileged flag is merged like any other field.
      if (clinic.on('api3-profile-mass-assignment') && typeof body['is_staff'] === 'boolean') {
        account.is_staff = body['is_staff'];
      }
      request.send(200, viewAccount(account));
    },
  },
];
