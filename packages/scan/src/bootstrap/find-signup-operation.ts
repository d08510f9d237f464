import type { ApiModel, Operation } from '@rampart/openapi';
import { looksAdminOnly } from '../looks-admin-only.js';
import { classifyCredentialField } from './classify-credential-field.js';
import { type RequestBodyShape, readRequestBodyShape } from './read-request-body-shape.js';

/** A sign-up operation and the shape of its body. */
export interface SignupOperation {
  readonly operation: Operation;
  readonly body: RequestBodyShape;
}

const SIGNUP_WORDS =
  /regist(er|ration)|sign[-_ ]?up|create[-_ ]?(an[-_ ]?)?account|enrol|new[-_ ]?user|join\b/i;
const NOT_SIGNUP =
  /log-?in|sign-?in|token|session|password[-_ ]?reset|forgot|reset|change[-_ ]?password|verify|confirm|webhook|callback|device|client/i;
const USER_COLLECTION = /\/(users|members|customers|accounts|people|players|profiles)\/?$/i;

const isPublic = (operation: Operation) =>
  operation.security.length === 0 || operation.security.some((r) => Object.keys(r).length === 0);

/**
 * The API's self-service sign-up, found in its description: a POST without path parameters, not admin-only,
 * whose JSON or form body has a password field next to a username or e-mail, and that is named like one
 * (`register`, `signup`, `sign-up`, `create account` in its path, operationId or summary) or is a public
 * `POST /users`. The best-scored one (named, public) wins; undefined when there is none.
 */
export function findSignupOperation(model: ApiModel): SignupOperation | undefined {
  let best: { found: SignupOperation; score: number } | undefined;
  for (const operation of model.operations) {
    if (operation.method !== 'post' || operation.isWebhook || operation.path.includes('{')) continue;
    if (looksAdminOnly(operation)) continue;
    const name = `${operation.path} ${operation.operationId ?? ''}`;
    const text = `${name} ${operation.summary ?? ''}`;
    const named = SIGNUP_WORDS.test(text);
    if (!named && (NOT_SIGNUP.test(name) || !USER_COLLECTION.test(operation.path) || !isPublic(operation))) {
      continue;
    }
    if (named && NOT_SIGNUP.test(name) && !SIGNUP_WORDS.test(name)) continue;
    const body = readRequestBodyShape(operation);
    if (body === undefined) continue;
    const kinds = [...body.properties.keys()].map(classifyCredentialField);
    if (!kinds.includes('password') || !(kinds.includes('username') || kinds.includes('email'))) continue;
    const score = (named ? 4 : 2) + (isPublic(operation) ? 2 : 0) + (SIGNUP_WORDS.test(name) ? 1 : 0);
    if (best === undefined || score > best.score) best = { found: { operation, body }, score };
  }
  return best?.found;
}
