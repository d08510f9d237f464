import type { ApiModel, Operation } from '@rampart/openapi';

/** One entry of the audit's test plan (docs/test-plan.md), as far as the scanner reads it. */
export interface TestPlanEntry {
  readonly kind: string;
  /** 1 = attack first, 2, 3. */
  readonly priority: number;
  /** Upper-case method and path template as in the description. */
  readonly method: string;
  readonly path: string;
}

/** The audit's test plan (version 1), as far as the scanner reads it. */
export interface TestPlan {
  readonly version: 1;
  readonly entries: readonly TestPlanEntry[];
}

/** The model reordered by a plan, and which plan entries named no operation of it. */
export interface PrioritizedModel {
  readonly model: ApiModel;
  /** Operations the plan put first, in their new order. */
  readonly prioritized: readonly Operation[];
  /** `METHOD /path` of plan entries that match no operation (the plan is for another version?). */
  readonly unmatched: readonly string[];
}

/**
 * Puts the operations the audit's test plan names first, most urgent first (lowest `priority`, then more
 * entries on the same operation), the others after them in their original order. Checks walk
 * `model.operations` in order under a per-check request budget, so on a large API the planned operations are
 * the ones tested before a budget runs out. Nothing is dropped: unplanned operations are still scanned.
 */
export function prioritizeOperations(model: ApiModel, plan: TestPlan): PrioritizedModel {
  const rank = new Map<string, { priority: number; entries: number }>();
  const unmatched = new Set<string>();
  const keyOf = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
  const known = new Set(model.operations.map((op) => keyOf(op.method, op.path)));
  for (const entry of plan.entries) {
    const key = keyOf(entry.method, entry.path);
    if (!known.has(key)) {
      unmatched.add(key);
      continue;
    }
    const current = rank.get(key);
    rank.set(key, {
      priority: Math.min(current?.priority ?? Number.POSITIVE_INFINITY, entry.priority),
      entries: (current?.entries ?? 0) + 1,
    });
  }
  const planned = model.operations
    .filter((op) => rank.has(keyOf(op.method, op.path)))
    .sort((a, b) => {
      const ra = rank.get(keyOf(a.method, a.path))!;
      const rb = rank.get(keyOf(b.method, b.path))!;
      return ra.priority - rb.priority || rb.entries - ra.entries;
    });
  const rest = model.operations.filter((op) => !rank.has(keyOf(op.method, op.path)));
  return {
    model: { ...model, operations: [...planned, ...rest] },
    prioritized: planned,
    unmatched: [...unmatched],
  };
}
