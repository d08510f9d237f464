import type { Rule } from '../../define-rule.js';

/** Rules for OWASP API9:2023, in a fixed order. */
export const api9Rules: readonly Rule[] = [];
