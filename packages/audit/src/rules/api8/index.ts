import type { Rule } from '../../define-rule.js';

/** Rules for OWASP API8:2023, in a fixed order. */
export const api8Rules: readonly Rule[] = [];
