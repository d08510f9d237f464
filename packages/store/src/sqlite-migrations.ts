import type { Migration } from './migration.js';

/**
 * The SQLite schema, as forward migrations applied in order. Append new versions; never edit a released one.
 *
 * `events.route` holds the route template, or the normalized path when no operation matched, so that the
 * console's per-route queries need one index. Every secondary index ends in `time` (and SQLite adds the rowid
 * `seq`), so filtered queries come back newest first without a sort.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial-schema',
    up: `
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        time INTEGER NOT NULL,
        origin TEXT NOT NULL,
        method TEXT NOT NULL,
        route TEXT NOT NULL,
        status INTEGER NOT NULL,
        client_ip TEXT NOT NULL,
        subject TEXT,
        data TEXT NOT NULL,
        sealed BLOB,
        key_id TEXT
      );
      CREATE UNIQUE INDEX events_id ON events (id);
      CREATE INDEX events_time ON events (time);
      CREATE INDEX events_route_time ON events (route, time);
      CREATE INDEX events_client_ip_time ON events (client_ip, time);
      CREATE INDEX events_subject_time ON events (subject, time) WHERE subject IS NOT NULL;
      CREATE INDEX events_status_time ON events (status, time);

      CREATE TABLE alerts (
        key TEXT PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        detector TEXT NOT NULL,
        severity_rank INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        closed_at INTEGER,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX alerts_last_seen ON alerts (last_seen, id);
      CREATE INDEX alerts_status_last_seen ON alerts (status, last_seen, id);

      CREATE TABLE finding_runs (
        run_id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE findings (
        run_id TEXT NOT NULL REFERENCES finding_runs (run_id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        severity_rank INTEGER NOT NULL,
        rule_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (run_id, fingerprint)
      );
      CREATE INDEX findings_run_order ON findings (run_id, severity_rank, rule_id, fingerprint);
    `,
  },
];
