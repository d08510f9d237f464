import type { InjectionClass } from './injection-class.js';

/**
 * Where a value came from; some detections only make sense in some places (e.g. raw CR/LF in a header, a script
 * extension in the name of an uploaded file). `document` is a whole request body that was not split into fields
 * (XML, HTML, text): markup and namespaces are normal there.
 */
export type ValueKind = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'key' | 'filename' | 'document';

/** What one detector found in one decoded reading of a value. */
export interface Detection {
  readonly score: number;
  readonly ruleId: string;
  readonly evidence: string;
}

/**
 * One injection class's analysis. The inspector computes the value's character classes once (see
 * `scanCharClasses`); `detect` runs only when the value has one of the `triggers` classes or, failing that, when
 * `prefilter` (a cheap test on the lower-cased text, for attacks made of words only) says yes. Every regular
 * expression a detector uses must be linear: no nested or adjacent overlapping quantifiers.
 */
export interface InjectionDetector {
  readonly class: InjectionClass;
  /** {@link CharClass} bits; any of them present makes the detector run. */
  readonly triggers: number;
  /** For values with none of the trigger classes: true when words alone could still be this attack. */
  readonly prefilter?: (lower: string, kind: ValueKind) => boolean;
  detect(text: string, lower: string, kind: ValueKind): Detection | undefined;
}
