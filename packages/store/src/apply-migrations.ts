import { RampartError } from '@rampart/core';
import type Database from 'better-sqlite3';
import type { Migration } from './migration.js';

/** What `applyMigrations` did. */
export interface MigrationResult {
  /** The schema version before and after. */
  readonly from: number;
  readonly to: number;
  /** Versions applied by this call, in order. */
  readonly applied: readonly number[];
}

/**
 * Brings a database to the latest schema: records versions in `schema_migrations` and applies each missing
 * migration in version order, each in its own transaction (a failed migration leaves the previous version).
 * Throws `RAMPART_ERR_STORE_MIGRATION` when the database is newer than `migrations` (a downgrade) or a
 * migration fails, and `TypeError` when `migrations` are not numbered 1, 2, 3, …
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[]): MigrationResult {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new TypeError(
        `migrations must be numbered 1, 2, 3, … without gaps or repeats, got version ${m.version} at position ${i + 1}`,
      );
    }
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  const from = row.v ?? 0;
  const latest = ordered.length;
  if (from > latest) {
    throw new RampartError(
      'RAMPART_ERR_STORE_MIGRATION',
      `database schema version ${from} is newer than this Rampart understands (up to ${latest})`,
      { hint: 'upgrade Rampart, or point it at another data directory' },
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of ordered.slice(from)) {
    try {
      db.transaction(() => {
        db.exec(m.up);
        record.run(m.version, m.name, Date.now());
      })();
    } catch (cause) {
      throw new RampartError(
        'RAMPART_ERR_STORE_MIGRATION',
        `database migration ${m.version} (${m.name}) failed: ${(cause as Error).message}`,
        { cause, hint: 'the database was left at the previous version; report this with the message' },
      );
    }
    applied.push(m.version);
  }
  return { from, to: latest, applied };
}
