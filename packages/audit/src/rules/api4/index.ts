import type { Rule } from '../../define-rule.js';

/** Rules for OWASP API4:2023, in a fixed order. */
export const api4Rules: readonly Rule[] = [];
