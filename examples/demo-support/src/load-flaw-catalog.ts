import { readFileSync } from 'node:fs';
import type { Flaw } from './flaw.js';

/** The flaws of one demo API, read from its `flaws.json`. */
export interface FlawCatalog {
  /** The file the flaws were read from. */
  readonly fileUrl: URL;
  /** Every flaw, in file order (the single source of truth for the switches). */
  readonly flaws: readonly Flaw[];
  /** Every flaw id (switch name), in file order. */
  readonly ids: readonly string[];
}

/**
 * Reads and freezes the flaws in the `flaws.json` at `fileUrl`. Throws a `TypeError` naming the file when
 * `flaws` is not an array or an id is missing or repeated, so a damaged catalogue fails at start-up, not
 * halfway through a measurement. The full shape is checked by each demo's tests against `flaws.schema.json`.
 */
export function loadFlawCatalog(fileUrl: URL): FlawCatalog {
  const parsed = JSON.parse(readFileSync(fileUrl, 'utf8')) as { flaws?: unknown };
  if (!Array.isArray(parsed.flaws)) {
    throw new TypeError(`${fileUrl.pathname}: "flaws" must be an array; restore the file from git`);
  }
  const seen = new Set<string>();
  for (const flaw of parsed.flaws as Flaw[]) {
    if (typeof flaw?.id !== 'string' || seen.has(flaw.id)) {
      throw new TypeError(
        `${fileUrl.pathname}: flaw id must be a unique string, got ${JSON.stringify(flaw?.id)}`,
      );
    }
    seen.add(flaw.id);
  }
  const flaws = Object.freeze((parsed.flaws as Flaw[]).map((flaw) => Object.freeze({ ...flaw })));
  return Object.freeze({ fileUrl, flaws, ids: Object.freeze(flaws.map((flaw) => flaw.id)) });
}
