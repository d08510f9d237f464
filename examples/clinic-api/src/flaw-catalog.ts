import { readFileSync } from 'node:fs';

/** OWASP API Security 2023 category of a flaw, or `injection` (see {@link Flaw.subtype}). */
export type FlawCategory =
  | 'API1'
  | 'API2'
  | 'API3'
  | 'API4'
  | 'API5'
  | 'API6'
  | 'API7'
  | 'API8'
  | 'API9'
  | 'API10'
  | 'injection';

/** One deliberate flaw of the clinic, as written in `flaws.json` (shape: `flaws.schema.json`). */
export interface Flaw {
  /** Stable id, also the switch name. */
  readonly id: string;
  readonly title: string;
  readonly owasp: FlawCategory;
  readonly subtype: 'sql' | 'nosql' | 'command' | 'path-traversal' | 'template' | null;
  readonly cwe: string;
  readonly method: string;
  readonly path: string;
  readonly documented: boolean;
  readonly static: boolean;
  readonly dynamic: boolean;
  readonly staticEvidence: string | null;
  readonly oracle: string;
  readonly secureBehaviour: string;
}

/** Where the ground-truth file lives: the package root, one level above both `src/` and `dist/`. */
export const FLAWS_FILE_URL = new URL('../flaws.json', import.meta.url);

function loadFlaws(): readonly Flaw[] {
  const parsed = JSON.parse(readFileSync(FLAWS_FILE_URL, 'utf8')) as { flaws?: unknown };
  if (!Array.isArray(parsed.flaws)) {
    throw new TypeError(`${FLAWS_FILE_URL.pathname}: "flaws" must be an array; restore the file from git`);
  }
  const seen = new Set<string>();
  for (const flaw of parsed.flaws as Flaw[]) {
    if (typeof flaw.id !== 'string' || seen.has(flaw.id)) {
      throw new TypeError(
        `${FLAWS_FILE_URL.pathname}: flaw id must be a unique string, got ${JSON.stringify(flaw.id)}`,
      );
    }
    seen.add(flaw.id);
  }
  return Object.freeze((parsed.flaws as Flaw[]).map((flaw) => Object.freeze({ ...flaw })));
}

/** Every flaw, in the order of `flaws.json` (the single source of truth for the switches). */
export const FLAWS: readonly Flaw[] = loadFlaws();

/** Every flaw id (switch name). */
export const FLAW_IDS: readonly string[] = Object.freeze(FLAWS.map((flaw) => flaw.id));

/** The clinic's OpenAPI description (paths relative to the server URL's /api/v2 base path). */
export const OPENAPI_FILE_URL = new URL('../openapi.yaml', import.meta.url);
