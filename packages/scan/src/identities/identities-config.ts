/** Where a login step finds a value to keep: a JSON pointer into the body, a response header or a cookie. */
export type ExtractRule =
  | { readonly from: 'body'; readonly pointer: string }
  | { readonly from: 'header'; readonly name: string }
  | { readonly from: 'cookie'; readonly name: string };

/** One request of a login flow. Strings may use `{{variable}}` from earlier steps. */
export interface LoginStep {
  readonly method: string;
  /** Path (joined to the target) or absolute URL on the target. */
  readonly path: string;
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
}

/** One named identity. `anonymous` is always present and needs no entry. */
export interface IdentityConfig extends CredentialTemplate {
  readonly name: string;
  /** Identities with the same role are peers: each one's objects must be out of the others' reach. */
  readonly role?: string;
  /** The privileged identity (admin operations are expected to work for it only). */
  readonly admin?: boolean;
  readonly login?: LoginFlow;
}

/** A request that every identity must pass authenticated and anonymous must not (or must see differently). */
export interface PreflightProbe {
  readonly method: string;
  readonly path: string;
}

/** The parsed `identities.yaml`. */
export interface IdentitiesConfig {
  readonly identities: readonly IdentityConfig[];
  readonly preflight?: PreflightProbe;
}
