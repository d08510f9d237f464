import type { Rule } from '../../define-rule.js';

/** Rules for OWASP API1:2023, in a fixed order. */
export const api1Rules: readonly Rule[] = [];
