import { inspect } from 'node:util';

const REDACTED = '[redacted]';
const values = new WeakMap<Secret, string>();

/**
 * A value that must never be printed, logged or serialized: passwords, tokens, API keys, signing keys.
 * `String(secret)`, template literals, `JSON.stringify` and `util.inspect` all yield `[redacted]`;
 * only `reveal()` returns the value, so every use of it is easy to find in review.
 */
export class Secret {
  constructor(value: string) {
    if (typeof value !== 'string') throw new TypeError('Secret value must be a string');
    values.set(this, value);
    Object.freeze(this);
  }

  /** The secret itself. Call it at the point of use only, never to log or store. */
  reveal(): string {
    return values.get(this) as string;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}

export const REDACTED_TEXT = REDACTED;
