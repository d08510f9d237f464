import type { Rule } from '../../define-rule.js';

/** Rules for OWASP API6:2023, in a fixed order. */
export const api6Rules: readonly Rule[] = [];
