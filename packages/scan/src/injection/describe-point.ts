import type { InjectionPoint } from './list-injection-targets.js';

/** `query parameter merchant`, `body property host`: how a finding names where the payload went. */
export function describePoint(point: InjectionPoint): string {
  return point.in === 'body' ? `body property ${point.name}` : `${point.in} parameter ${point.name}`;
}
