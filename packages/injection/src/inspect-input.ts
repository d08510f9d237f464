/**
 * The parts of one HTTP request to inspect. Every part is optional.
 *
 * - `path`: the request target as received (percent-encoded). A query string after `?` is parsed (`+` as space)
 *   and inspected like `query`.
 * - `query`: parameters already decoded by the caller's URL parser.
 * - `headers`: names are matched case-insensitively; a `cookie` header is split into cookies.
 * - `cookies`: already-parsed cookies (merged with those from a `cookie` header).
 * - `body`: a parsed JSON value (object, array, scalar) or a raw string (form, XML, text). Object keys are
 *   inspected as well as values.
 */
export interface InspectInput {
  readonly path?: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly cookies?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}
