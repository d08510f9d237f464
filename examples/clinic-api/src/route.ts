import type { ClinicContext, RequestContext } from './clinic-context.js';

/** One operation of the clinic: method, path template from the origin (`/api/v2/me`), and handler. */
export interface Route {
  readonly method: string;
  readonly path: string;
  /** When set, the route exists only while this flaw is on (retired or undocumented endpoints). */
  readonly flaw?: string;
  readonly handle: (clinic: ClinicContext, request: RequestContext) => Promise<void> | void;
}

/** The base path of the current API version. */
export const API_BASE = '/api/v2';
