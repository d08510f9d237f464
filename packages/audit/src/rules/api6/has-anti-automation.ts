import type { ApiModel, JsonSchema, Operation } from '@rampart/openapi';
import { wordsOf } from '../../classify-name.js';
import { walkPropertyNames } from '../../inspect/walk-property-names.js';

const RATE_LIMIT_HEADER = /^(x-)?(rate-?limit|ratelimit)|^retry-after$/i;
const AUTOMATION_EXTENSION = /rate-?limit|throttl|quota|captcha|anti-?automation|(^|-)bot(-|$)/i;
const AUTOMATION_PROSE = /rate[- ]?limit|throttl|too many requests|captcha|proof[- ]of[- ]work/i;
const CHALLENGE_WORDS = new Set(['captcha', 'recaptcha', 'hcaptcha', 'turnstile', 'pow']);

function isChallengeName(name: string): boolean {
  const words = wordsOf(name);
  if (words.some((w) => CHALLENGE_WORDS.has(w))) return true;
  return words.join('').includes('proofofwork');
}

const challengeByRoot = new WeakMap<JsonSchema, boolean>();

/** Whether a request body declares a CAPTCHA or proof-of-work field (cached per schema: bodies are shared). */
function bodyHasChallenge(schema: JsonSchema): boolean {
  let found = challengeByRoot.get(schema);
  if (found === undefined) {
    found = false;
    walkPropertyNames(schema, (_, name) => {
      if (name === undefined || !isChallengeName(name)) return undefined;
      found = true;
      return 'stop';
    });
    challengeByRoot.set(schema, found);
  }
  return found;
}

/**
 * True when the description documents some anti-automation control for `operation`: a 429 response, RateLimit /
 * X-RateLimit / Retry-After response headers, a rate-limit, throttling or CAPTCHA extension on the operation or
 * the document, a CAPTCHA or proof-of-work parameter, header or body field, or a rate-limit statement in the
 * operation's or the API's description.
 */
export function hasAntiAutomation(operation: Operation, model: ApiModel): boolean {
  for (const response of operation.responses) {
    if (response.status === '429') return true;
    if (response.headers.some((h) => RATE_LIMIT_HEADER.test(h.name))) return true;
  }
  if (Object.keys(operation.extensions).some((k) => AUTOMATION_EXTENSION.test(k))) return true;
  if (Object.keys(model.extensions).some((k) => AUTOMATION_EXTENSION.test(k))) return true;
  if (operation.parameters.some((p) => isChallengeName(p.name))) return true;
  for (const media of operation.requestBody?.content ?? []) {
    if (media.schema !== undefined && bodyHasChallenge(media.schema)) return true;
  }
  return AUTOMATION_PROSE.test(
    `${operation.summary ?? ''}\n${operation.description ?? ''}\n${model.info.description ?? ''}`,
  );
}
