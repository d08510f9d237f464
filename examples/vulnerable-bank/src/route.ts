import type { BankContext, RequestContext } from './bank-context.js';

/** One operation of the bank: method, OpenAPI-style path template, and handler. */
export interface Route {
  readonly method: string;
  /** Path template as in openapi.yaml, e.g. `/accounts/{accountId}`. */
  readonly path: string;
  /** When set, the route exists only while this flaw is on (undocumented or retired endpoints). */
  readonly flaw?: string;
  readonly handle: (bank: BankContext, request: RequestContext) => Promise<void> | void;
}
