import type { Detection } from './injection-detector.js';

/** Keeps the better of two detections (higher score; the first on a tie). */
export function strongerDetection(a: Detection | undefined, b: Detection | undefined): Detection | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.score > a.score ? b : a;
}
