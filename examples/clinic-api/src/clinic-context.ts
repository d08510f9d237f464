import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Account, ClinicState } from './create-clinic-state.js';

/** Everything that lives as long as one clinic instance. */
export interface ClinicContext {
  readonly state: ClinicState;
  /** Whether a flaw is switched on. */
  readonly on: (flawId: string) => boolean;
  /** Session id → account id. */
  readonly sessions: Map<string, string>;
  /** Failed logins per normalized email (epoch ms), for the lockout. */
  readonly loginFailures: Map<string, number[]>;
  /** Requests per client key (epoch ms), for the general rate limit. */
  readonly requestLog: Map<string, number[]>;
  /** The insurer origin whose card images may be imported when the SSRF flaw is off. */
  readonly insurerOrigin: string | undefined;
  readonly now: () => number;
}

/** One request: parsed URL, path parameters, body readers and the caller. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly method: string;
  params: Readonly<Record<string, string>>;
  /** The JSON body as an object (`{}` when empty); throws SyntaxError on malformed JSON. */
  readonly json: () => Promise<Record<string, unknown>>;
  /** The form-encoded body (`application/x-www-form-urlencoded`). */
  readonly form: () => Promise<URLSearchParams>;
  /** The account of the session cookie, or a 401 ClinicError. */
  readonly account: () => Account;
  /** The session account when it is staff, else a 403 ClinicError. */
  readonly staff: () => Account;
  readonly send: (status: number, body: unknown, headers?: Readonly<Record<string, string>>) => void;
  readonly sendText: (status: number, body: string, contentType: string) => void;
}
