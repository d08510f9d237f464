/**
 * An error a handler throws to answer with a status and one entry of the clinic's error envelope:
 * `{ "errors": [{ "status": "404", "code": "appointment_not_found", "title": "…" }] }`.
 */
export class ClinicError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, title: string, headers: Readonly<Record<string, string>> = {}) {
    super(title);
    this.name = 'ClinicError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}
