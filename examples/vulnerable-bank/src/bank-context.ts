import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BankState, User } from './create-bank-state.js';

/** A one-time code the bank "sends" to a customer (by SMS in a real bank; to this callback here). */
export interface OtpMessage {
  readonly username: string;
  readonly code: string;
  readonly purpose: 'password-reset' | 'transfer';
}

/** Everything that lives as long as one bank instance. */
export interface BankContext {
  readonly state: BankState;
  /** Whether a flaw is switched on. */
  readonly on: (flawId: string) => boolean;
  readonly jwtSecret: string;
  /** Milliseconds since the epoch (replaceable for tests). */
  readonly now: () => number;
  readonly canaryOrigin: string | undefined;
  readonly kycUrl: string | undefined;
  readonly ratesUrl: string | undefined;
  readonly sendOtp: (message: OtpMessage) => void;
  readonly revokedTokens: Set<string>;
  readonly loginFailures: Map<string, number[]>;
  readonly resetCodes: Map<string, { code: string; attempts: number; expiresAt: number }>;
  readonly stepUpCodes: Map<number, string>;
  readonly requestLog: Map<string, number[]>;
  readonly redeemedCoupons: Set<string>;
  readonly redeemedReferrals: Set<number>;
  readonly deliveries: Set<Promise<void>>;
}

/** One request: parsed URL, path parameters, and ways to read the body and the caller. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly method: string;
  params: Readonly<Record<string, string>>;
  readonly correlationId: string;
  /** The parsed JSON body (`{}` when empty). Throws SyntaxError on malformed JSON. */
  readonly body: () => Promise<Record<string, unknown>>;
  /** The authenticated customer, or an HttpError 401. */
  readonly user: () => User;
  /**
   * The caller as an administrator: an admin bearer token, or the admin API key in X-API-Key (or in `api_key`
   * when flaw api2-api-key-in-query is on). When `weakeningFlaw` is on, any authenticated customer passes.
   */
  readonly admin: (weakeningFlaw: string) => User | 'api-key';
  readonly json: (status: number, body: unknown, headers?: Readonly<Record<string, string>>) => void;
  readonly text: (status: number, body: string, contentType: string) => void;
}
