import type { ScanRequest, ScanResponse } from '../transport/scan-transport.js';
import type { IdentityConfig } from './identities-config.js';

/** Where a held JWT travels, so a forged one can be put in the same place. */
export type JwtPlace =
  | { readonly kind: 'header'; readonly name: string; readonly prefix: string }
  | { readonly kind: 'cookie'; readonly name: string };

/** A JWT an identity holds. */
export interface HeldJwt {
  readonly token: string;
  readonly place: JwtPlace;
}

/** The concrete credentials of an identity at one moment. */
export interface Credentials {
  readonly headers: Readonly<Record<string, string>>;
  readonly cookies: Readonly<Record<string, string>>;
  /** The JWT among them, when there is one (bearer, header or cookie value). */
  readonly jwt?: HeldJwt;
}

/** One identity during a scan: its credentials (logging in when it has a flow) and a way to send as it. */
export interface IdentitySession {
  readonly name: string;
  readonly anonymous: boolean;
  readonly role: string | undefined;
  readonly admin: boolean;
  /** True when the identity has a login flow (so fresh tokens can be had, e.g. to test logout). */
  readonly canLogin: boolean;
  /** The identity's configuration (undefined for anonymous): its login flow names its username. */
  readonly config?: IdentityConfig;
  /** The current credentials, logging in first when needed. */
  credentials(): Promise<Credentials>;
  /** Sends with the current credentials; logs in again and retries once on a refresh status (401). */
  send(request: ScanRequest): Promise<ScanResponse>;
  /** Sends with the given credentials (a forged token, a fresh login) and no refresh. */
  sendWith(request: ScanRequest, credentials: Credentials): Promise<ScanResponse>;
  /** Runs the login flow again and returns new credentials without replacing the session's own. */
  login(): Promise<Credentials>;
}
