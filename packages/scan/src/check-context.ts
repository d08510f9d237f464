import type { Confidence, Finding, HttpExchange, OwaspCategory, Severity } from '@rampart/core';
import type { ApiModel, Operation } from '@rampart/openapi';
import type { Canary } from './canary/canary.js';
import type { OperationRequestInput } from './explore/build-operation-request.js';
import type { ValuePool } from './explore/value-pool.js';
import type { IdentitySession } from './identities/identity-session.js';
import type { PreflightResult } from './identities/preflight-identities.js';
import type { OwnershipLedger } from './ownership-ledger.js';
import type { ScanRequest, ScanResponse, ScanTransport } from './transport/scan-transport.js';

/** A response one identity got for one operation while the scan explored the API. */
export interface Baseline {
  readonly identity: string;
  readonly operation: Operation;
  readonly response: ScanResponse;
}

/** The options every check can read (resolved defaults). */
export interface CheckOptions {
  /** Only safe methods are sent. */
  readonly readOnly: boolean;
  /** Checks may delete objects (only ones the scan created) and send other destructive requests. */
  readonly destructive: boolean;
  /** Requests of the rate-limit burst (at most 60). */
  readonly burstSize: number;
}

/** What a check reports: the engine adds the check's metadata, location, evidence and fingerprint. */
export interface FindingDraft {
  /** The operation concerned (its document line goes into the finding); or give `method` and `path`. */
  readonly operation?: Operation;
  readonly method?: string;
  readonly path?: string;
  readonly message: string;
  /** One sentence: what was observed. */
  readonly summary: string;
  /** The oracle that decided, e.g. `marker-in-response`, `re-read-as-owner`. */
  readonly oracle: string;
  readonly confidence: Confidence;
  /** The responses that show it, most telling last (its request becomes the curl reproduction). */
  readonly responses: readonly ScanResponse[];
  readonly severity?: Severity;
  readonly snippet?: string;
  readonly tags?: readonly string[];
  /** Further operations with the same root cause (one finding, several places). */
  readonly related?: ReadonlyArray<
    { readonly operation: Operation } | { readonly method: string; readonly path: string }
  >;
  /**
   * Re-runs the proof once; the finding is reported only if it resolves true (a finding is re-confirmed
   * before it is reported). Omit only for offline proofs that cannot change (a cracked secret).
   */
  readonly confirm?: () => Promise<boolean>;
}

/**
 * Reads a one-time code the target sent to `username` (a test SMS or e-mail sink the user wires in), the
 * latest one sent at or after `since` (epoch ms). Undefined when none arrived.
 */
export type OtpReader = (query: {
  readonly username: string;
  readonly since: number;
}) => Promise<string | undefined> | string | undefined;

/** What a check gets. Everything it sends goes through the scan's guarded transport and its own budget. */
export interface CheckContext {
  readonly model: ApiModel;
  /** The target origin (with base path when one was given). */
  readonly target: string;
  readonly options: CheckOptions;
  /** The raw guarded transport (no credentials). */
  readonly transport: ScanTransport;
  /** Every identity, anonymous first. */
  readonly identities: readonly IdentitySession[];
  readonly anonymous: IdentitySession;
  /** Named identities that are not admin: the peers for BOLA. */
  readonly users: readonly IdentitySession[];
  readonly admins: readonly IdentitySession[];
  readonly preflight: readonly PreflightResult[];
  readonly ledger: OwnershipLedger;
  readonly values: ValuePool;
  /** Responses gathered while exploring, per identity and operation. */
  readonly baselines: readonly Baseline[];
  /** A marker unique to this scan and `identity`, for objects the scan creates. */
  marker(identity: string): string;
  /** A request for an operation on the target (undefined when a path parameter has no value). */
  buildRequest(operation: Operation, input?: OperationRequestInput): ScanRequest | undefined;
  /** Reports a finding after re-confirming it; resolves true when it was reported. */
  report(draft: FindingDraft): Promise<boolean>;
  /** The findings reported so far by every check (read-only). */
  readonly findings: readonly Finding[];
  /**
   * Every exchange the scan has made so far, oldest first (redacted, bodies cut, bounded: the scan's evidence
   * log). For checks that judge what was already observed (spec drift) without sending anything new.
   */
  readonly exchanges?: readonly HttpExchange[];
  /** The scan's out-of-band listener (SSRF probes, malicious upstream); undefined when disabled. */
  readonly canary: Canary | undefined;
  /** Where one-time codes can be read, when the user wired a sink in (see {@link OtpReader}). */
  readonly readOtp: OtpReader | undefined;
}

/** A check: one file in `src/checks/`, declared with `defineCheck`, listed in `src/checks/index.ts`. */
export interface ScanCheck {
  /** Stable kebab-case id; a contract (`api1-bola`). */
  readonly id: string;
  readonly title: string;
  /** The default severity of its findings (a draft may lower or raise it). */
  readonly severity: Severity;
  readonly owasp: OwaspCategory;
  readonly cwe: number;
  readonly description: string;
  readonly remediation: string;
  /** Requests this check may send (default 300). */
  readonly maxRequests?: number;
  run(ctx: CheckContext): Promise<void>;
}
