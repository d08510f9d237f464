import { type Problem, RampartValidationError } from '@rampart/core';
import type { ConfigLocator } from './config/create-config-locator.js';

/** `GatewayOptions` paths whose `rampart.yaml` key is spelled differently. */
const RENAMED: readonly (readonly [string, string])[] = [
  ['tls.certFile', 'tls.cert'],
  ['tls.keyFile', 'tls.key'],
  ['adminListen', 'admin.listen'],
  ['routing.model', 'routing.spec'],
];

/** `policies.jwt.issuers[0].keys` → `['policies', 'jwt', 'issuers', 0, 'keys']`. */
function segmentsOf(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(match[1]);
  }
  return segments;
}

/**
 * Turns a `RampartValidationError` of the gateway (paths of `GatewayOptions`, e.g. `policies.rate-limit.quotas[0]
 * .operations`) into one about `rampart.yaml`: each path under `gateway.`, renamed where the file spells the key
 * differently, with the line and column of the setting in the file (also for the CLI's own `gateway.…` problems).
 * Other errors are returned unchanged.
 */
export function locateGatewayProblems(error: unknown, locator: ConfigLocator | undefined): unknown {
  if (!(error instanceof RampartValidationError)) return error;
  if (error.problems.every((p) => p.path.startsWith('gateway.') && p.location !== undefined)) return error;
  const problems: Problem[] = error.problems.map((problem) => {
    let configPath = problem.path;
    if (!configPath.startsWith('gateway.')) {
      for (const [from, to] of RENAMED)
        if (configPath === from || configPath.startsWith(`${from}.`))
          configPath = to + configPath.slice(from.length);
      configPath = `gateway.${configPath}`;
    }
    const location = problem.location ?? locator?.locate(segmentsOf(configPath));
    return { ...problem, path: configPath, ...(location ? { location } : {}) };
  });
  const summary = error.message.split('\n', 1)[0] ?? 'invalid gateway configuration:';
  return new RampartValidationError(error.code, summary, problems, {
    ...(locator ? { location: { file: locator.file } } : {}),
    ...(error.hint ? { hint: error.hint } : {}),
  });
}
