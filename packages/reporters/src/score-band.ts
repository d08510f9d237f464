/** The CSS class suffix for a 0-100 score: good ≥ 90, fair ≥ 70, warn ≥ 50, poor below. */
export function scoreBand(score: number): 'good' | 'fair' | 'warn' | 'poor' {
  if (score >= 90) return 'good';
  if (score >= 70) return 'fair';
  if (score >= 50) return 'warn';
  return 'poor';
}
