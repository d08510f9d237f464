import type { Account } from './create-clinic-state.js';

/** What an account looks like to itself and to staff: no password hash, no SSN. */
export function viewAccount(account: Account): Record<string, unknown> {
  return {
    id: account.id,
    email: account.email,
    full_name: account.full_name,
    phone: account.phone,
    date_of_birth: account.date_of_birth,
    is_staff: account.is_staff,
    created_at: account.created_at,
  };
}
