/** Where a login step finds a value to keep: a JSON pointer into the body, a response header or a cookie. */
export type ExtractRule =
  | { readonly from: 'body'; readonly pointer: string }
  | { readonly from: 'header'; readonly name: string }
  | { readonly from: 'cookie'; readonly name: string };

/**
 * One request of a login, registration or explicit flow. Strings may use `{{variable}}`: values extracted by
 * earlier steps and the built-ins `{{random}}` (random hex, the same for all of one identity's steps in a
 * scan), `{{scanId}}`, `{{identity}}` and, in flows, `{{marker}}`.
 */
export interface LoginStep {
  readonly method: string;
  /** Path (joined to the target) or absolute URL on the target. */
  readonly path: string;
  /** Query parameters, appended to the path. */
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (sent as `application/json`). */
  readonly json?: unknown;
  /** A form body (sent as `application/x-www-form-urlencoded`). */
  readonly form?: Readonly<Record<string, string>>;
  /** Values to keep, by variable name. */
  readonly extract?: Readonly<Record<string, ExtractRule>>;
  /** Statuses that mean success (default: any 2xx). */
  readonly expectStatus?: readonly number[];
}

/** How an identity's credentials go on a request; strings may use `{{variable}}` after a login flow. */
export interface CredentialTemplate {
  /** `Authorization: Bearer <value>`. */
  readonly bearer?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cookies?: Readonly<Record<string, string>>;
}

/** A login flow: requests whose extracted values fill the credential template. */
export interface LoginFlow {
  readonly steps: readonly LoginStep[];
  readonly apply: CredentialTemplate;
  /** Statuses that make the session log in again and retry once (default [401]). */
  readonly refreshOn?: readonly number[];
  /**
   * Find the credential in the last step's response when no step extracted `token` (`apply: auto` in the
   * file): a token at a common JSON pointer (`/token`, `/access_token`, `/data/token`, …) or response header
   * fills `{{token}}`; otherwise the session cookies it set are used.
   */
  readonly detectToken?: boolean;
}

/**
 * Requests that create the identity's account, run once before its first login. An answer saying the account
 * already exists (409, or 400/422 with "exists", "taken", "already" … in the body) is fine. Values they extract
 * are available to the login steps.
 */
export interface RegisterFlow {
  readonly steps: readonly LoginStep[];
}

/** One named identity. `anonymous` is always present and needs no entry. */
export interface IdentityConfig extends CredentialTemplate {
  readonly name: string;
  /** Identities with the same role are peers: each one's objects must be out of the others' reach. */
  readonly role?: string;
  /** The privileged identity (admin operations are expected to work for it only). */
  readonly admin?: boolean;
  readonly login?: LoginFlow;
  /** Creates the account first (throwaway users: use `{{random}}` in the username). */
  readonly register?: RegisterFlow;
  /**
   * This identity's own preflight request, when the file-wide one does not take its credentials (a partner
   * client whose tokens open other operations than a customer's).
   */
  readonly preflight?: PreflightProbe;
}

/** A request that every identity must pass authenticated and anonymous must not (or must see differently). */
export interface PreflightProbe {
  readonly method: string;
  readonly path: string;
}

/** One step of an explicit flow: a request sent as one identity, whose extracted values enter the value pool. */
export interface FlowStep extends LoginStep {
  /** The identity that sends it (`anonymous` when neither the step nor the flow names one). */
  readonly as: string;
  /** A name for messages (default: `METHOD path`). */
  readonly name?: string;
  /**
   * The resource the step's extracted ids belong to (default: from the path, `/accounts` → `account`); a
   * successful POST (or PUT) records its id in the ownership ledger under it, as created by `as`.
   */
  readonly resource?: string;
  /** The request that deletes what this step created, sent as `as` at the end of the scan. */
  readonly cleanup?: { readonly method: string; readonly path: string };
}

/** A named business flow run before the checks, to seed objects and values only a sequence can reach. */
export interface FlowConfig {
  readonly name: string;
  readonly steps: readonly FlowStep[];
  /** When true, a failing step is a warning and the scan goes on (default: the scan stops). */
  readonly optional?: boolean;
}

/** The parsed `identities.yaml`. */
export interface IdentitiesConfig {
  readonly identities: readonly IdentityConfig[];
  readonly preflight?: PreflightProbe;
  /** Explicit flows, run in order after preflight and before exploration. */
  readonly flows?: readonly FlowConfig[];
  /**
   * Create two throwaway users of the same role through the API's own sign-up and password login, found in
   * its description (`--auto-identities`).
   */
  readonly autoIdentities?: boolean;
}
