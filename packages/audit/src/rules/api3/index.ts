import type { Rule } from '../../define-rule.js';

/** Rules for OWASP API3:2023, in a fixed order. */
export const api3Rules: readonly Rule[] = [];
