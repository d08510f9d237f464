/**
 * Parser errors that hit a connection while a request on it was being handled (e.g. a malformed chunk in a body
 * that was already streaming), keyed by socket, so that request's event reports the refusal instead of a
 * client abort.
 */
export const parserFailures = new WeakMap<object, { readonly status: number; readonly reason: string }>();
