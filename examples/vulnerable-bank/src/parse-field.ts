import { HttpError } from './http-error.js';

/** Reads a required string property of a JSON body, or answers 400 naming it. */
export function parseStringField(
  body: Readonly<Record<string, unknown>>,
  name: string,
  limits: { readonly min?: number; readonly max?: number } = {},
): string {
  const value = body[name];
  const min = limits.min ?? 1;
  const max = limits.max ?? 256;
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw new HttpError(
      400,
      'invalid_request',
      `${name} must be a string of ${min} to ${max} characters, got ${JSON.stringify(value) ?? 'nothing'}`,
    );
  }
  return value;
}

/** Reads a required finite number property of a JSON body (or a numeric string), or answers 400 naming it. */
export function parseNumberField(body: Readonly<Record<string, unknown>>, name: string): number {
  const value = body[name];
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new HttpError(
      400,
      'invalid_request',
      `${name} must be a number, got ${JSON.stringify(value) ?? 'nothing'}`,
    );
  }
  return number;
}

/** Reads an optional integer query parameter within bounds, or answers 400 naming it. */
export function parseIntegerParam(
  url: URL,
  name: string,
  fallback: number,
  bounds: { readonly min: number; readonly max: number },
): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!/^-?[0-9]+$/.test(raw) || value < bounds.min || value > bounds.max) {
    throw new HttpError(
      400,
      'invalid_parameter',
      `${name} must be an integer from ${bounds.min} to ${bounds.max}, got "${raw}"`,
    );
  }
  return value;
}
