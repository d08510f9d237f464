import type { Rule } from '../../define-rule.js';

/** Rules for OWASP API5:2023, in a fixed order. */
export const api5Rules: readonly Rule[] = [];
