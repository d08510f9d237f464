import { ClinicError } from './clinic-error.js';

/** The page a list request asks for. */
export interface Paging {
  readonly page: number;
  readonly perPage: number;
}

/** The largest `per_page` a list accepts (unless a flaw lifts the bound). */
export const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 20;

/**
 * Reads `page` (from 1) and `per_page` (1 to {@link MAX_PER_PAGE}, default 20). With `unbounded`, any positive
 * `per_page` is accepted (flaw api4-unbounded-per-page). Throws a 400 ClinicError naming the parameter.
 */
export function readPaging(url: URL, unbounded = false): Paging {
  const read = (name: string, fallback: number): number => {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '') return fallback;
    if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1) {
      throw new ClinicError(400, 'invalid_parameter', `${name} must be a positive integer, got "${raw}"`);
    }
    return Number(raw);
  };
  const page = read('page', 1);
  const perPage = read('per_page', DEFAULT_PER_PAGE);
  if (!unbounded && perPage > MAX_PER_PAGE) {
    throw new ClinicError(400, 'invalid_parameter', `per_page must be 1 to ${MAX_PER_PAGE}, got ${perPage}`);
  }
  return { page, perPage };
}

/** One page of `items` in the clinic's list envelope: `{ data, meta: { page, per_page, total } }`. */
export function toPage<T>(items: readonly T[], paging: Paging): { data: T[]; meta: Record<string, number> } {
  const start = (paging.page - 1) * paging.perPage;
  return {
    data: items.slice(start, start + paging.perPage),
    meta: { page: paging.page, per_page: paging.perPage, total: items.length },
  };
}
