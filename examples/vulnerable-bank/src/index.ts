export type { OtpMessage } from './bank-context.js';
export {
  ADMIN_API_KEY,
  SEED_USERS,
  WELCOME_COUPON,
} from './create-bank-state.js';
export {
  BANK_HOST,
  type BankApi,
  type BankApiOptions,
  createBankApi,
  RATE_LIMIT_PER_MINUTE,
  WEAK_JWT_SECRET,
} from './create-bank-api.js';
export { FETCH_MAX_BYTES, FETCH_TIMEOUT_MS } from './fetch-guarded.js';
export { FLAW_IDS, FLAWS, FLAWS_FILE_URL, type Flaw, type FlawCategory } from './flaw-catalog.js';
export { type FlawSwitchOptions, resolveEnabledFlaws } from './resolve-enabled-flaws.js';
export { PARTNER_CLIENT_ID, PARTNER_CLIENT_SECRET } from './partner-client.js';
