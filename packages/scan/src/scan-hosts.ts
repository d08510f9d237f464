import type { ApiModel } from '@rampart/openapi';
import type { IdentitiesConfig } from './identities/identities-config.js';
import {
  type ScanOptions,
  type ScanProgress,
  type ScanResult,
  type ScanTargetInput,
  scanTarget,
} from './scan-target.js';
import { type ScanScore, scoreScan } from './score-scan.js';

/** One host to scan: its origin, the model of its API, and optionally its own identities and options. */
export interface HostScanInput {
  readonly target: string;
  readonly model: ApiModel;
  /** Identities for this host (default: `ScanHostsOptions.identities`). */
  readonly identities?: IdentitiesConfig;
  /** Merged over `ScanHostsOptions.options` for this host. */
  readonly options?: ScanOptions;
}

/** How `scanHosts` runs the hosts. */
export interface ScanHostsOptions {
  /** Hosts scanned at the same time (default 4, at least 1). Checks within one host stay sequential. */
  readonly concurrency?: number;
  /** Identities for every host that has none of its own. */
  readonly identities?: IdentitiesConfig;
  /** Scan options for every host (each host's own `options` win). */
  readonly options?: ScanOptions;
  /** Progress of each host, tagged with its index in `hosts`. */
  readonly onProgress?: (host: number, event: ScanProgress) => void;
  /** Called as each host finishes, in completion order. */
  readonly onHostDone?: (outcome: HostScanOutcome) => void;
  /** The single-host scan (default `scanTarget`); tests replace it. */
  readonly scan?: (input: ScanTargetInput) => Promise<ScanResult>;
}

/** A host that was scanned: its result and posture score. */
export interface HostScanSuccess {
  readonly ok: true;
  readonly index: number;
  readonly target: string;
  readonly result: ScanResult;
  readonly score: ScanScore;
}

/** A host whose scan stopped (preflight failed, target unreachable, engine failure). */
export interface HostScanFailure {
  readonly ok: false;
  readonly index: number;
  readonly target: string;
  /** What `scanTarget` threw (usually a `RampartError`: `RAMPART_ERR_SCAN_PREFLIGHT`, ...). */
  readonly error: unknown;
  readonly durationMs: number;
}

export type HostScanOutcome = HostScanSuccess | HostScanFailure;

/**
 * Scans many hosts with a bounded pool (`concurrency` at a time; each host's checks run one after another, as
 * `scanTarget` does), scoring each with `scoreScan`. A host whose scan throws is recorded as a failure and the
 * other hosts go on. Resolves with one outcome per host, in the order of `hosts`. Every host gets its own
 * guards: the scope of each scan is only its own target (and its own canary).
 */
export async function scanHosts(
  hosts: readonly HostScanInput[],
  options: ScanHostsOptions = {},
): Promise<HostScanOutcome[]> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TypeError(`scanHosts concurrency must be a positive integer, got ${concurrency}`);
  }
  const scan = options.scan ?? scanTarget;
  const outcomes: HostScanOutcome[] = new Array(hosts.length);
  let next = 0;

  const scanOne = async (index: number, host: HostScanInput): Promise<HostScanOutcome> => {
    const started = performance.now();
    const identities = host.identities ?? options.identities;
    const onProgress = options.onProgress;
    const scanOptions: ScanOptions = {
      ...options.options,
      ...host.options,
      ...(onProgress ? { onProgress: (event: ScanProgress) => onProgress(index, event) } : {}),
    };
    try {
      const result = await scan({
        model: host.model,
        target: host.target,
        ...(identities ? { identities } : {}),
        options: scanOptions,
      });
      return { ok: true, index, target: host.target, result, score: scoreScan(result.findings) };
    } catch (error) {
      return {
        ok: false,
        index,
        target: host.target,
        error,
        durationMs: Math.round(performance.now() - started),
      };
    }
  };

  const worker = async () => {
    while (next < hosts.length) {
      const index = next++;
      const outcome = await scanOne(index, hosts[index] as HostScanInput);
      outcomes[index] = outcome;
      options.onHostDone?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, hosts.length) }, worker));
  return outcomes;
}
