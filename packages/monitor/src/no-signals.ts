import type { DetectionSignal } from './detection-signal.js';

/** The shared empty answer of `observe` and `tick`, so the common case allocates nothing. */
export const NO_SIGNALS: readonly DetectionSignal[] = Object.freeze([]);
