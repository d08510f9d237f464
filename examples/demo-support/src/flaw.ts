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

/**
 * One deliberate flaw of a demo API, as written in its `flaws.json` (shape:
 * `examples/vulnerable-bank/flaws.schema.json`).
 */
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
