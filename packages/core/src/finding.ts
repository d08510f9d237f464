import type { SourceLocation } from './errors.js';
import type { OwaspCategory } from './owasp.js';
import type { Confidence, Severity } from './severity.js';

/** Which engine produced a finding. */
export type FindingSource = 'audit' | 'scan';

/**
 * Where a finding is. Static findings point into a document (file, JSON pointer, line and column);
 * active findings point at an operation on a running target (`GET /users/{id}` on `https://api.example`).
 * Either may name the operation it concerns.
 */
export interface FindingLocation {
  /** The document and the node in it. */
  readonly document?: SourceLocation;
  /** The target origin of an active finding, e.g. `https://api.example.com`. */
  readonly target?: string;
  /** Upper-case HTTP method of the operation concerned. */
  readonly method?: string;
  /** The templated path of the operation concerned, e.g. `/users/{id}`. */
  readonly path?: string;
  /** The description's operationId, when it has one. */
  readonly operationId?: string;
}

/** A captured HTTP exchange, with secrets already redacted. */
export interface HttpExchange {
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
  };
  readonly response?: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
    readonly durationMs?: number;
  };
}

/** What made the engine believe the finding: a snippet, an exchange, the oracle that decided. */
export interface Evidence {
  /** One sentence a developer can read: what was observed. */
  readonly summary: string;
  /** The offending value or document snippet, when there is one (never a secret). */
  readonly snippet?: string;
  /** Requests and responses that show it (active findings). */
  readonly exchanges?: readonly HttpExchange[];
  /** A command that reproduces it. */
  readonly curl?: string;
  /** The oracle that decided (e.g. `marker-in-response`, `status-differential`). */
  readonly oracle?: string;
}

/** A security finding from the audit or the scanner. Plain data: serializable, comparable, stable. */
export interface Finding {
  /** The stable kebab-case id of the rule or check, e.g. `write-operation-without-security`. */
  readonly ruleId: string;
  readonly source: FindingSource;
  readonly title: string;
  /** What is wrong here, specifically (names the property, operation, value). */
  readonly message: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly owasp: OwaspCategory;
  /** CWE number, e.g. 639 for CWE-639. */
  readonly cwe: number;
  readonly location: FindingLocation;
  /** Further places with the same root cause (e.g. every operation that uses one schema). */
  readonly relatedLocations?: readonly FindingLocation[];
  readonly evidence?: Evidence;
  /** What to change to fix it. */
  readonly remediation: string;
  /** Free tags, e.g. `injection`, `mass-assignment`. */
  readonly tags?: readonly string[];
  /**
   * A stable hash of rule id + location (not message), so baselines survive rewording and line moves.
   * Computed by `fingerprintFinding`.
   */
  readonly fingerprint: string;
}
