import type { Denial } from './define-policy.js';

/**
 * Thrown by request-context helpers (`readBody`, `readJson`) to refuse the request from inside a policy. The
 * pipeline turns it into the denial it carries, whatever the policy's fail mode.
 */
export class DenialError extends Error {
  readonly denial: Denial;

  constructor(denial: Denial) {
    super(denial.reason);
    this.name = 'DenialError';
    this.denial = denial;
  }
}
