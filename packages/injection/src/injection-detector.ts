import type { InjectionClass } from './injection-class.js';

/** Where a value came from; some detections only make sense in some places (e.g. raw CR/LF in a header). */
export type ValueKind = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'key';

/** What one detector found in one decoded reading of a value. */
export interface Detection {
  readonly score: number;
  readonly ruleId: string;
  readonly evidence: string;
}

/**
 * One injection class's analysis. `gate` is a cheap test on the lower-cased text; `detect` runs only when it
 * matches. Every regular expression a detector uses must be linear: no nested or adjacent overlapping quantifiers.
 */
export interface InjectionDetector {
  readonly class: InjectionClass;
  readonly gate: RegExp;
  detect(text: string, lower: string, kind: ValueKind): Detection | undefined;
}
