import { HttpError } from './http-error.js';
import type { Route } from './route.js';
import { viewUser } from './view-user.js';

/** A customer's profile by user id (the id is the token's `sub`). */
export const userProfileRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/users/{userId}',
    handle: (bank, request) => {
      const caller = request.user();
      const id = Number(request.params['userId']);
      // api1-user-profile-bola: any customer's profile is returned; securely only the caller's own.
      const user =
        bank.on('api1-user-profile-bola') || id === caller.id ? bank.state.users.get(id) : undefined;
      if (user === undefined) {
        throw new HttpError(
          404,
          'user_not_found',
          `no user ${JSON.stringify(request.params['userId'])} for this customer`,
        );
      }
      request.json(200, viewUser(bank, user));
    },
  },
];
