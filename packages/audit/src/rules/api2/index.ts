import type { Rule } from '../../define-rule.js';

/** Rules for OWASP API2:2023, in a fixed order. */
export const api2Rules: readonly Rule[] = [];
