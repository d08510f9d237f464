/** One forward step of a database schema. Versions start at 1 and increase by 1; a version is never edited. */
export interface Migration {
  readonly version: number;
  /** A short kebab-case description, recorded with the version. */
  readonly name: string;
  /** The SQL that moves the schema from `version - 1` to `version`. */
  readonly up: string;
}
