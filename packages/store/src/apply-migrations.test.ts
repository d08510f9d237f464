import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from './apply-migrations.js';
import type { Migration } from './migration.js';

const v1: Migration = { version: 1, name: 'create-t', up: 'CREATE TABLE t (a INTEGER)' };
const v2: Migration = { version: 2, name: 'add-b', up: 'ALTER TABLE t ADD COLUMN b TEXT' };
const v3: Migration = { version: 3, name: 'index-b', up: 'CREATE INDEX t_b ON t (b)' };

describe('applyMigrations', () => {
  it('applies missing migrations in version order, once', () => {
    const db = new Database(':memory:');
    expect(applyMigrations(db, [v2, v1])).toEqual({ from: 0, to: 2, applied: [1, 2] });
    db.prepare('INSERT INTO t (a, b) VALUES (1, ?)').run('kept');
    expect(applyMigrations(db, [v1, v2, v3])).toEqual({ from: 2, to: 3, applied: [3] });
    expect(applyMigrations(db, [v1, v2, v3]).applied).toEqual([]);
    expect(db.prepare('SELECT b FROM t').get()).toEqual({ b: 'kept' });
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual([
      { version: 1, name: 'create-t' },
      { version: 2, name: 'add-b' },
      { version: 3, name: 'index-b' },
    ]);
  });

  it('leaves the previous version when a migration fails', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: 'CREATE TABLE u (x); SELECT nonsense FROM nowhere',
    };
    expect(() => applyMigrations(db, [v1, broken])).toThrow(/migration 2 \(broken\) failed/);
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'u'").get()).toEqual({ n: 0 });
  });

  it('refuses gaps and duplicate versions', () => {
    const db = new Database(':memory:');
    expect(() => applyMigrations(db, [v1, v3])).toThrow(TypeError);
    expect(() => applyMigrations(db, [v1, v1])).toThrow(/without gaps or repeats/);
  });

  it('refuses a database newer than the migrations it is given', () => {
    const db = new Database(':memory:');
    applyMigrations(db, [v1, v2, v3]);
    expect(() => applyMigrations(db, [v1])).toThrow(
      /version 3 is newer than this Rampart understands \(up to 1\)/,
    );
  });
});
