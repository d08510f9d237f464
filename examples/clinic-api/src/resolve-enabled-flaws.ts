import { type FlawSwitchOptions, resolveFlawSwitches } from '@rampart/example-demo-support';
import { FLAW_IDS } from './flaw-catalog.js';

export type { FlawSwitchOptions } from '@rampart/example-demo-support';

/**
 * Resolves switch options into the set of the clinic's flaw ids that are on; an unknown id throws a `TypeError`
 * naming it (see `resolveFlawSwitches`).
 */
export function resolveEnabledFlaws(options: FlawSwitchOptions = {}): ReadonlySet<string> {
  return resolveFlawSwitches(FLAW_IDS, options);
}
