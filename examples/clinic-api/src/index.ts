export {
  type ClinicApi,
  type ClinicApiOptions,
  CLINIC_HOST,
  createClinicApi,
  PORTAL_ORIGIN,
  REQUESTS_PER_MINUTE,
} from './create-clinic-api.js';
export { SEED_ACCOUNTS } from './create-clinic-state.js';
export { SESSION_COOKIE } from './create-request-context.js';
export { FLAW_IDS, FLAWS, FLAWS_FILE_URL, type Flaw, type FlawCategory } from './flaw-catalog.js';
export { type FlawSwitchOptions, resolveEnabledFlaws } from './resolve-enabled-flaws.js';
export { API_BASE } from './route.js';
