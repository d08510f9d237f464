import { defineRule } from '../../define-rule.js';
import { operationWords } from '../operation-words.js';

const STATE_VERBS = new Set([
  'delete',
  'remove',
  'destroy',
  'cancel',
  'approve',
  'reject',
  'confirm',
  'purchase',
  'buy',
  'checkout',
  'pay',
  'redeem',
  'transfer',
  'vote',
  'activate',
  'deactivate',
  'enable',
  'disable',
  'revoke',
  'ban',
  'unban',
  'suspend',
  'create',
  'update',
  'add',
  'set',
  'reset',
  'grant',
  'kill',
  'shutdown',
  'restart',
  'execute',
  'run',
]);

/** Verbs that are also nouns (`purchaseOrders`, `transfers`, `updates`): counted only as a whole segment or id. */
/** Verbs that are also nouns (`/sets`, `purchaseOrders`, `checkout-key`, `/run`). */
const NOUN_LIKE = new Set([
  'purchase',
  'transfer',
  'vote',
  'update',
  'set',
  'run',
  'reset',
  'checkout',
  'add',
  'grant',
  'execute',
]);
/** Words after a noun-like verb that show it is a noun phrase: `purchaseOrder`, `checkoutKey`, `updateStatus`. */
const NOUN_TAILS = new Set([
  'order',
  'key',
  'item',
  'id',
  'status',
  'history',
  'list',
  'details',
  'info',
  'settings',
  'config',
  'log',
  'result',
]);

/**
 * The action verb leading a segment or operationId. Noun-like verbs count only in a verb phrase (`setText`,
 * `runJob`): never alone (a `/set` or `/run` segment is usually a resource) nor before a plural or noun tail.
 */
function actionVerb(words: readonly string[]): string | undefined {
  const first = words[0];
  if (first === undefined || !STATE_VERBS.has(first)) return undefined;
  if (NOUN_LIKE.has(first)) {
    const last = words.at(-1)!;
    if (words.length === 1 || /s$/.test(last) || NOUN_TAILS.has(last)) return undefined;
  }
  return first;
}

export const stateChangingGetOperation = defineRule({
  id: 'state-changing-get-operation',
  title: 'GET operation that changes state',
  severity: 'medium',
  scope: 'operation',
  owasp: 'API8',
  cwe: 650,
  confidence: 'tentative',
  description:
    'A GET operation is named for an action (`GET /orders/{id}/cancel`, `operationId: deleteUser`). GET is meant ' +
    'to be safe (RFC 9110 §9.2.1): browsers prefetch it, crawlers follow it, caches replay it, and an `<img>` tag ' +
    "on any site triggers it with the victim's cookies (CSRF), while gateways and WAF rules usually guard " +
    'only unsafe methods.',
  remediation: 'Make the action a POST (or DELETE/PUT/PATCH) and keep GET free of side effects.',
  check({ model, report }) {
    for (const operation of model.operations) {
      if (operation.method !== 'get') continue;
      const words = operationWords(operation);
      const verb = actionVerb(words.lastSegment) ?? actionVerb(words.operationId);
      if (verb === undefined) continue;
      report({
        message: `${operation.key} is named for the action "${verb}" but uses GET: prefetching, crawlers and CSRF trigger it; use POST or DELETE`,
        pointer: operation.pointer,
        operation,
        snippet: verb,
      });
    }
  },
});
