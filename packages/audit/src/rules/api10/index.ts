import type { Rule } from '../../define-rule.js';

/** Rules for OWASP API10:2023, in a fixed order. */
export const api10Rules: readonly Rule[] = [];
