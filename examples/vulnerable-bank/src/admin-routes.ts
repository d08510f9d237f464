import { HttpError } from './http-error.js';
import type { Route } from './route.js';

/** Back-office operations. */
export const adminRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/admin/users',
    handle: (bank, request) => {
      request.admin('api5-admin-users-by-user');
      const items = [...bank.state.users.values()].map((user) => ({
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        email: user.email,
        role: user.role,
        kycStatus: user.kycStatus,
        createdAt: user.createdAt,
      }));
      request.json(200, { items, total: items.length });
    },
  },
  {
    method: 'DELETE',
    path: '/admin/users/{userId}',
    handle: (bank, request) => {
      request.admin('api5-admin-delete-by-user');
      const id = Number(request.params['userId']);
      if (!bank.state.users.has(id))
        throw new HttpError(404, 'user_not_found', `no user ${request.params['userId']}`);
      bank.state.users.delete(id);
      request.json(204, undefined);
    },
  },
];
