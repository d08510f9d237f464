import type { Operation } from '@rampart/openapi';
import { defineRule } from '../../define-rule.js';
import { operationWords } from '../operation-words.js';
import { hasAntiAutomation } from './has-anti-automation.js';

const CHECK_WORDS = new Set(['exists', 'exist', 'available', 'availability', 'taken']);
const ACCOUNT_WORDS = new Set([
  'email',
  'emails',
  'username',
  'usernames',
  'user',
  'users',
  'phone',
  'account',
  'accounts',
  'login',
  'handle',
  'member',
  'members',
  'customer',
  'customers',
]);

/** Account identifiers whose existence a `check…` operation reveals: `checkEmail`, `check-username`. */
const IDENTIFIERS = new Set(['email', 'username', 'phone', 'login', 'handle']);

/** `/users/{name}/exists`, `/check-email`, `/usernames/{u}/availability`, `operationId: checkEmail`. */
function isAccountLookup(operation: Operation): boolean {
  const words = operationWords(operation);
  const checkOf = (list: readonly string[]) =>
    list.some((w, i) => CHECK_WORDS.has(w) || (w === 'check' && IDENTIFIERS.has(list[i + 1] ?? '')));
  if (!checkOf(words.lastSegment) && !checkOf(words.operationId)) return false;
  const names = [...words.path, ...words.operationId];
  return (
    names.some((w) => ACCOUNT_WORDS.has(w)) ||
    operation.parameters.some((p) => ACCOUNT_WORDS.has(p.name.toLowerCase()))
  );
}

export const accountLookupWithoutAntiAutomation = defineRule({
  id: 'account-lookup-without-anti-automation',
  title: 'Account existence check without documented anti-automation',
  severity: 'low',
  scope: 'operation',
  owasp: 'API6',
  cwe: 204,
  confidence: 'tentative',
  description:
    'The operation tells a caller whether an email, username, phone number or account exists or is available ' +
    '(`/users/{name}/exists`, `/check-email`). Without a documented rate limit or CAPTCHA it is an enumeration ' +
    'oracle: a script harvests the valid accounts that credential stuffing, phishing and spam then target.',
  remediation:
    'Rate-limit the check per IP and device and document it (429, RateLimit headers, `x-rate-limit`), require a ' +
    'CAPTCHA for anonymous callers, or fold the check into sign-up so it answers the same for taken and free names.',
  check({ model, report }) {
    for (const operation of model.operations) {
      if (operation.isWebhook || !isAccountLookup(operation) || hasAntiAutomation(operation, model)) continue;
      report({
        message: `${operation.key} reveals whether an account exists but documents no rate limit or CAPTCHA: limit and document it`,
        pointer: operation.pointer,
        operation,
      });
    }
  },
});
