import type { BankContext } from './bank-context.js';
import type { User } from './create-bank-state.js';

/** The customer's own profile as the API returns it (with the password hash while api3-password-hash-exposed is on). */
export function viewUser(bank: BankContext, user: User): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    phone: user.phone,
    role: user.role,
    kycStatus: user.kycStatus,
    referralCode: user.referralCode,
    ssnLast4: user.ssn.slice(-4),
    avatar: user.avatar,
    createdAt: user.createdAt,
    ...(bank.on('api3-password-hash-exposed') ? { passwordHash: user.passwordHash } : {}),
  };
}
