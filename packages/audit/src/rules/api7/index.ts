import type { Rule } from '../../define-rule.js';

/** Rules for OWASP API7:2023, in a fixed order. */
export const api7Rules: readonly Rule[] = [];
