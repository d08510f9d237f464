import type { ApiEvent } from '@rampart/core';
import type { ApiModel } from '@rampart/openapi';
import { createRouteResolver } from './create-route-resolver.js';
import type { AnyDetector } from './define-detector.js';
import type { DetectionSignal } from './detection-signal.js';
import { resolveMonitorLimits } from './monitor-limits.js';

/** Runs events (each at its own `time`) through one detector and collects every signal, for table tests. */
export function runDetector(
  detector: AnyDetector,
  events: readonly ApiEvent[],
  options: { readonly options?: Record<string, unknown>; readonly model?: ApiModel } = {},
): DetectionSignal[] {
  const instance = detector.create({
    options: { ...detector.defaults, ...options.options },
    model: options.model,
    routes: createRouteResolver(options.model),
    limits: resolveMonitorLimits(),
  });
  const signals: DetectionSignal[] = [];
  for (const event of events) signals.push(...instance.observe(event, event.time));
  return signals;
}
