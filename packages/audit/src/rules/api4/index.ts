import type { Rule } from '../../define-rule.js';
import { arrayWithoutMaxItems } from './array-without-max-items.js';
import { mapWithoutMaxProperties } from './map-without-max-properties.js';
import { noRateLimitDocumented } from './no-rate-limit-documented.js';
import { numberWithoutBounds } from './number-without-bounds.js';
import { redosPattern } from './redos-pattern.js';
import { stringWithoutMaxLength } from './string-without-max-length.js';
import { unanchoredPattern } from './unanchored-pattern.js';
import { unboundedPageSize } from './unbounded-page-size.js';
import { unboundedUpload } from './unbounded-upload.js';

/** Rules for OWASP API4:2023, in a fixed order. */
export const api4Rules: readonly Rule[] = [
  redosPattern,
  unboundedPageSize,
  unboundedUpload,
  stringWithoutMaxLength,
  numberWithoutBounds,
  arrayWithoutMaxItems,
  mapWithoutMaxProperties,
  noRateLimitDocumented,
  unanchoredPattern,
];
