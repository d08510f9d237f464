import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type Alert,
  type AlertQuery,
  type AlertStatus,
  type Finding,
  type FindingQuery,
  type FindingRun,
  RampartError,
  type RouteCount,
  type RouteCountQuery,
  type Secret,
  type Severity,
  type Store,
  type StoredAlert,
  severityRank,
} from '@rampart/core';
import Database from 'better-sqlite3';
import { applyMigrations } from './apply-migrations.js';
import { createBodyCipher } from './create-body-cipher.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { type PreparedEvent, prepareStoredEvent } from './prepare-stored-event.js';
import { restoreStoredEvent } from './restore-stored-event.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';

/** How much history the store keeps. Enforced every `intervalMs` and on `enforceRetention()`. */
export interface RetentionOptions {
  /** Delete events older than this (by event time). */
  readonly maxAgeMs?: number;
  /** Keep at most this many events, deleting the oldest. */
  readonly maxEvents?: number;
  /**
   * Keep the database (events, alerts, findings and indexes) under about this many bytes by deleting the
   * oldest events; only events are deleted to honour it.
   */
  readonly maxBytes?: number;
  /** How often retention runs: default 60,000 ms. */
  readonly intervalMs?: number;
}

/** How `saveEvents` calls are grouped into transactions. */
export interface BatchOptions {
  /** Write as soon as this many events are waiting: default 1,000. */
  readonly maxEvents?: number;
  /** Write at most this long after the first waiting event: default 50 ms. */
  readonly maxDelayMs?: number;
}

export interface SqliteStoreOptions {
  /** The database file (created with its directory when missing), or `:memory:` for a throwaway store. */
  readonly path: string;
  /**
   * Store body sample texts (default `false`: only their size, type and truncation are kept). Requires
   * `encryptionKey`: texts are always encrypted at rest.
   */
  readonly storeBodies?: boolean;
  /** The AES-256-GCM key for body samples (32 bytes, base64); see `loadStoreKey`. */
  readonly encryptionKey?: Secret;
  /** Older keys, to read samples written before a key rotation. */
  readonly decryptionKeys?: readonly Secret[];
  readonly retention?: RetentionOptions;
  readonly batch?: BatchOptions;
  /**
   * `normal` (default): in WAL mode a committed batch survives a crash of the process, and may be lost only
   * if the machine loses power. `full`: survives power loss too, at a cost in write throughput.
   */
  readonly synchronous?: 'normal' | 'full';
  /** How long a write waits for another process holding the database lock: default 5,000 ms. */
  readonly busyTimeoutMs?: number;
}

/** What one retention pass deleted. */
export interface RetentionReport {
  readonly deletedByAge: number;
  readonly deletedByCount: number;
  readonly deletedBySize: number;
  readonly remainingEvents: number;
}

export interface SqliteStoreStats {
  /** Events waiting for the next batch. */
  readonly pendingEvents: number;
  readonly batchesWritten: number;
  readonly eventsWritten: number;
  /** Events not written because an event with the same id was already stored (e.g. a sensor retry). */
  readonly duplicatesIgnored: number;
  /** Events deleted by retention since the store opened. */
  readonly eventsExpired: number;
}

/** The SQLite `Store`, with the controls an embedded store needs. */
export interface SqliteStore extends Store {
  /** Writes every waiting event now; resolves when they are committed. */
  flush(): Promise<void>;
  /** Runs a retention pass now. */
  enforceRetention(): Promise<RetentionReport>;
  stats(): SqliteStoreStats;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const DELETE_CHUNK = 5000;

/**
 * Opens (creating and migrating when needed) the embedded SQLite store: WAL journal, `synchronous=NORMAL`,
 * events written in batches (one transaction per batch, flushed on size or delay; `close()` flushes),
 * idempotent by event id, secrets redacted again before writing, body samples encrypted when stored, and
 * retention by age, count and size enforced periodically.
 *
 * Throws `RAMPART_ERR_STORE_OPEN` when the file cannot be opened, `RAMPART_ERR_STORE_MIGRATION` when its schema
 * cannot be brought up to date, and `RAMPART_ERR_STORE_KEY` when `storeBodies` is set without a valid key.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  checkOptions(options);
  if (options.storeBodies && options.encryptionKey === undefined) {
    throw new RampartError(
      'RAMPART_ERR_STORE_KEY',
      'store.storeBodies is true but no encryption key is configured; body samples are only stored encrypted',
      {
        hint: 'set RAMPART_STORE_KEY to 32 random bytes in base64 (`openssl rand -base64 32`), or a key file',
      },
    );
  }
  const keyCipher =
    options.encryptionKey === undefined
      ? undefined
      : createBodyCipher(options.encryptionKey, options.decryptionKeys ?? []);
  const writeCipher = options.storeBodies ? keyCipher : undefined;

  const db = openDatabase(options);
  const maxBatch = options.batch?.maxEvents ?? 1000;
  const maxDelayMs = options.batch?.maxDelayMs ?? 50;
  const retention = options.retention ?? {};

  const insertEvent = db.prepare(
    `INSERT OR IGNORE INTO events (id, time, origin, method, route, status, client_ip, subject, data, sealed, key_id)
     VALUES (@id, @time, @origin, @method, @route, @status, @clientIp, @subject, @data, @sealed, @keyId)`,
  );
  const writeBatch = db.transaction((rows: readonly PreparedEvent[]) => {
    let inserted = 0;
    for (const row of rows) inserted += insertEvent.run(row).changes;
    return inserted;
  });

  let buffer: PreparedEvent[] = [];
  let waiters: Waiter[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const counters = { batchesWritten: 0, eventsWritten: 0, duplicatesIgnored: 0, eventsExpired: 0 };

  function writeNow(): void {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (buffer.length === 0) return;
    const rows = buffer;
    const done = waiters;
    buffer = [];
    waiters = [];
    try {
      const inserted = writeBatch(rows);
      counters.batchesWritten += 1;
      counters.eventsWritten += inserted;
      counters.duplicatesIgnored += rows.length - inserted;
      for (const w of done) w.resolve();
    } catch (cause) {
      const error = new RampartError(
        'RAMPART_ERR_STORE_WRITE',
        `event store ${options.path} failed to write a batch of ${rows.length} events: ${(cause as Error).message}`,
        { cause, hint: 'nothing of this batch was stored; check free disk space and file permissions' },
      );
      for (const w of done) w.reject(error);
    }
  }

  const retentionTimer =
    retention.maxAgeMs !== undefined || retention.maxEvents !== undefined || retention.maxBytes !== undefined
      ? setInterval(() => {
          try {
            runRetention();
          } catch {
            // Retention is retried at the next interval; a failure here must not crash the host process.
          }
        }, retention.intervalMs ?? 60_000)
      : undefined;
  retentionTimer?.unref();

  function runRetention(): RetentionReport {
    let deletedByAge = 0;
    let deletedByCount = 0;
    let deletedBySize = 0;
    if (retention.maxAgeMs !== undefined) {
      const cutoff = Date.now() - retention.maxAgeMs;
      const del = db.prepare(
        `DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE time < ? LIMIT ${DELETE_CHUNK})`,
      );
      for (let n = del.run(cutoff).changes; n > 0; n = del.run(cutoff).changes) deletedByAge += n;
    }
    if (retention.maxEvents !== undefined) {
      const excess = countEvents() - retention.maxEvents;
      if (excess > 0) deletedByCount = deleteOldest(excess);
    }
    if (retention.maxBytes !== undefined) {
      // Deleting frees pages for reuse; incremental_vacuum then returns them to the file system. The share of
      // events to delete is estimated from the share of bytes over the limit, plus 5% so one pass usually does.
      for (let pass = 0; pass < 8; pass++) {
        const used = usedBytes();
        const events = countEvents();
        if (used <= retention.maxBytes || events === 0) break;
        const share = (used - retention.maxBytes) / used + 0.05;
        deletedBySize += deleteOldest(Math.max(1, Math.ceil(events * Math.min(1, share))));
        db.pragma('incremental_vacuum');
      }
    }
    if (deletedByAge + deletedByCount > 0) db.pragma('incremental_vacuum');
    counters.eventsExpired += deletedByAge + deletedByCount + deletedBySize;
    return { deletedByAge, deletedByCount, deletedBySize, remainingEvents: countEvents() };
  }

  function countEvents(): number {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }

  function usedBytes(): number {
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const size = db.pragma('page_size', { simple: true }) as number;
    return (pages - free) * size;
  }

  function deleteOldest(count: number): number {
    const del = db.prepare(
      'DELETE FROM events WHERE seq IN (SELECT seq FROM events ORDER BY time, seq LIMIT ?)',
    );
    let deleted = 0;
    while (deleted < count) {
      const n = del.run(Math.min(DELETE_CHUNK, count - deleted)).changes;
      if (n === 0) break;
      deleted += n;
    }
    return deleted;
  }

  function assertOpen(): void {
    if (closed) {
      throw new RampartError('RAMPART_ERR_STORE_CLOSED', `event store ${options.path} is closed`, {
        hint: 'open a new store; close() is final',
      });
    }
  }

  const statements = new Map<string, Database.Statement>();
  function statement(sql: string): Database.Statement {
    let s = statements.get(sql);
    if (s === undefined) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  }

  return {
    saveEvents(events) {
      try {
        assertOpen();
        if (events.length === 0) return Promise.resolve();
        const rows = events.map((e) => prepareStoredEvent(e, writeCipher));
        for (const row of rows) buffer.push(row);
      } catch (error) {
        return Promise.reject(error);
      }
      const done = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
      if (buffer.length >= maxBatch) writeNow();
      else if (timer === undefined) timer = setTimeout(writeNow, maxDelayMs);
      return done;
    },

    async flush() {
      assertOpen();
      writeNow();
    },

    async getEvent(id) {
      assertOpen();
      const row = statement('SELECT data, sealed FROM events WHERE id = ?').get(id) as
        | { data: string; sealed: Buffer | null }
        | undefined;
      return row === undefined ? undefined : restoreStoredEvent(row.data, row.sealed, keyCipher, true);
    },

    async queryEvents(query = {}) {
      assertOpen();
      const { where, params, add } = conditions();
      if (query.from !== undefined) add('time >= ?', query.from);
      if (query.to !== undefined) add('time < ?', query.to);
      if (query.method !== undefined) add('method = ?', query.method);
      if (query.route !== undefined) add('route = ?', query.route);
      if (query.clientIp !== undefined) add('client_ip = ?', query.clientIp);
      if (query.subject !== undefined) add('subject = ?', query.subject);
      if (query.origin !== undefined) add('origin = ?', query.origin);
      if (typeof query.status === 'number') add('status = ?', query.status);
      else if (query.status !== undefined) {
        add('status BETWEEN ? AND ?', query.status.min, query.status.max);
      }
      if (query.cursor !== undefined) {
        const [time, seq] = decodeCursor(query.cursor, ['n', 'n']);
        add('(time < ? OR (time = ? AND seq < ?))', time, time, seq);
      }
      const limit = pageSize(query.limit);
      const sql = `SELECT seq, time, data, sealed FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY time DESC, seq DESC LIMIT ?`;
      const rows = statement(sql).all(...params, limit + 1) as {
        seq: number;
        time: number;
        data: string;
        sealed: Buffer | null;
      }[];
      const items = rows
        .slice(0, limit)
        .map((r) => restoreStoredEvent(r.data, r.sealed, keyCipher, query.includeBodies === true));
      const last = rows[limit - 1];
      return rows.length > limit && last
        ? { items, nextCursor: encodeCursor([last.time, last.seq]) }
        : { items };
    },

    async countEventsByRoute(query: RouteCountQuery = {}) {
      assertOpen();
      const { where, params, add } = conditions();
      if (query.from !== undefined) add('time >= ?', query.from);
      if (query.to !== undefined) add('time < ?', query.to);
      const sql = `SELECT method, route, count(*) AS count,
          sum(status BETWEEN 400 AND 499) AS clientErrors, sum(status >= 500) AS serverErrors,
          min(time) AS firstSeen, max(time) AS lastSeen
        FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY method, route ORDER BY count DESC, route, method LIMIT ?`;
      return statement(sql).all(...params, Math.max(1, Math.floor(query.limit ?? 1000))) as RouteCount[];
    },

    async saveAlert(alert) {
      assertOpen();
      upsertAlert(alert);
    },

    async queryAlerts(query: AlertQuery = {}) {
      assertOpen();
      const { where, params, add } = conditions();
      if (query.status !== undefined) add('status = ?', query.status);
      if (query.minSeverity !== undefined) add('severity_rank >= ?', rank(query.minSeverity));
      if (query.detector !== undefined) add('detector = ?', query.detector);
      if (query.from !== undefined) add('last_seen >= ?', query.from);
      if (query.cursor !== undefined) {
        const [lastSeen, id] = decodeCursor(query.cursor, ['n', 's']);
        add('(last_seen < ? OR (last_seen = ? AND id < ?))', lastSeen, lastSeen, id);
      }
      const limit = pageSize(query.limit);
      const sql = `SELECT id, status, closed_at, data FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY last_seen DESC, id DESC LIMIT ?`;
      const rows = statement(sql).all(...params, limit + 1) as AlertRow[];
      const items = rows.slice(0, limit).map(toStoredAlert);
      const last = items[limit - 1];
      return rows.length > limit && last
        ? { items, nextCursor: encodeCursor([last.lastSeen, last.id]) }
        : { items };
    },

    async setAlertStatus(id: string, status: AlertStatus) {
      assertOpen();
      if (status !== 'open' && status !== 'closed') {
        throw new TypeError(`alert status must be "open" or "closed", got ${JSON.stringify(status)}`);
      }
      const closedAt = status === 'closed' ? Date.now() : null;
      return (
        statement('UPDATE alerts SET status = ?, closed_at = ? WHERE id = ?').run(status, closedAt, id)
          .changes > 0
      );
    },

    async saveFindings(runId, findings) {
      assertOpen();
      if (typeof runId !== 'string' || runId === '') throw new TypeError('runId must be a non-empty string');
      const now = Date.now();
      db.transaction(() => {
        statement(
          `INSERT INTO finding_runs (run_id, created_at, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (run_id) DO UPDATE SET updated_at = excluded.updated_at`,
        ).run(runId, now, now);
        const insert = statement(
          `INSERT OR REPLACE INTO findings (run_id, fingerprint, severity_rank, rule_id, data) VALUES (?, ?, ?, ?, ?)`,
        );
        for (const f of findings)
          insert.run(runId, f.fingerprint, rank(f.severity), f.ruleId, JSON.stringify(f));
      })();
    },

    async queryFindings(query: FindingQuery) {
      assertOpen();
      const { where, params, add } = conditions();
      add('run_id = ?', query.runId);
      if (query.minSeverity !== undefined) add('severity_rank >= ?', rank(query.minSeverity));
      if (query.cursor !== undefined) {
        const [r, ruleId, fp] = decodeCursor(query.cursor, ['n', 's', 's']);
        add(
          '(severity_rank < ? OR (severity_rank = ? AND (rule_id > ? OR (rule_id = ? AND fingerprint > ?))))',
          r,
          r,
          ruleId,
          ruleId,
          fp,
        );
      }
      const limit = pageSize(query.limit);
      const sql = `SELECT severity_rank, rule_id, fingerprint, data FROM findings WHERE ${where.join(' AND ')}
        ORDER BY severity_rank DESC, rule_id, fingerprint LIMIT ?`;
      const rows = statement(sql).all(...params, limit + 1) as {
        severity_rank: number;
        rule_id: string;
        fingerprint: string;
        data: string;
      }[];
      const items = rows.slice(0, limit).map((r) => JSON.parse(r.data) as Finding);
      const last = rows[limit - 1];
      return rows.length > limit && last
        ? { items, nextCursor: encodeCursor([last.severity_rank, last.rule_id, last.fingerprint]) }
        : { items };
    },

    async listFindingRuns() {
      assertOpen();
      return statement(
        `SELECT r.run_id AS runId, r.created_at AS createdAt, r.updated_at AS updatedAt,
           (SELECT count(*) FROM findings f WHERE f.run_id = r.run_id) AS findings
         FROM finding_runs r ORDER BY r.updated_at DESC, r.run_id`,
      ).all() as FindingRun[];
    },

    async enforceRetention() {
      assertOpen();
      return runRetention();
    },

    stats() {
      return { pendingEvents: buffer.length, ...counters };
    },

    async close() {
      if (closed) return;
      if (retentionTimer !== undefined) clearInterval(retentionTimer);
      try {
        writeNow();
      } finally {
        closed = true;
        db.close();
      }
    },
  };

  function upsertAlert(alert: Alert): void {
    const existing = statement('SELECT id, status, closed_at, data FROM alerts WHERE key = ?').get(
      alert.key,
    ) as AlertRow | undefined;
    if (existing === undefined) {
      statement(
        `INSERT INTO alerts (key, id, detector, severity_rank, status, closed_at, first_seen, last_seen, data)
         VALUES (?, ?, ?, ?, 'open', NULL, ?, ?, ?)`,
      ).run(
        alert.key,
        alert.id,
        alert.detector,
        rank(alert.severity),
        alert.firstSeen,
        alert.lastSeen,
        JSON.stringify(alert),
      );
      return;
    }
    const before = JSON.parse(existing.data) as Alert;
    const severity = rank(alert.severity) >= rank(before.severity) ? alert.severity : before.severity;
    const merged: Alert = {
      ...alert,
      id: before.id,
      severity,
      firstSeen: Math.min(before.firstSeen, alert.firstSeen),
      lastSeen: Math.max(before.lastSeen, alert.lastSeen),
    };
    const reopen = existing.status === 'closed' && alert.lastSeen > before.lastSeen;
    statement(
      `UPDATE alerts SET detector = ?, severity_rank = ?, first_seen = ?, last_seen = ?, data = ?,
         status = ?, closed_at = ? WHERE key = ?`,
    ).run(
      merged.detector,
      rank(merged.severity),
      merged.firstSeen,
      merged.lastSeen,
      JSON.stringify(merged),
      reopen ? 'open' : existing.status,
      reopen ? null : existing.closed_at,
      alert.key,
    );
  }
}

/** A WHERE clause under construction: conditions joined with AND, and their parameters in order. */
function conditions() {
  const where: string[] = [];
  const params: unknown[] = [];
  return {
    where,
    params,
    add(sql: string, ...values: unknown[]) {
      where.push(sql);
      params.push(...values);
    },
  };
}

interface AlertRow {
  id: string;
  status: AlertStatus;
  closed_at: number | null;
  data: string;
}

function toStoredAlert(row: AlertRow): StoredAlert {
  const alert = JSON.parse(row.data) as Alert;
  return row.closed_at === null
    ? { ...alert, status: row.status }
    : { ...alert, status: row.status, closedAt: row.closed_at };
}

function rank(severity: Severity): number {
  const r = severityRank(severity);
  if (r < 0)
    throw new TypeError(`severity must be one of info, low, medium, high, critical, got ${severity}`);
  return r;
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RampartError(
      'RAMPART_ERR_STORE_QUERY',
      `query limit must be a positive integer, got ${limit}`,
      {
        hint: `omit it for pages of ${DEFAULT_PAGE}`,
      },
    );
  }
  return Math.min(limit, MAX_PAGE);
}

function checkOptions(options: SqliteStoreOptions): void {
  if (typeof options?.path !== 'string' || options.path === '') {
    throw new TypeError('createSqliteStore: path must be a file path or ":memory:"');
  }
  const positive = (name: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new TypeError(`createSqliteStore: ${name} must be a positive number, got ${value}`);
    }
  };
  positive('batch.maxEvents', options.batch?.maxEvents);
  positive('batch.maxDelayMs', options.batch?.maxDelayMs);
  positive('retention.maxAgeMs', options.retention?.maxAgeMs);
  positive('retention.maxEvents', options.retention?.maxEvents);
  positive('retention.maxBytes', options.retention?.maxBytes);
  positive('retention.intervalMs', options.retention?.intervalMs);
}

function openDatabase(options: SqliteStoreOptions): Database.Database {
  let db: Database.Database;
  try {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
    // auto_vacuum can only be chosen before the first table exists; INCREMENTAL lets retention shrink the file.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
  } catch (cause) {
    throw new RampartError(
      'RAMPART_ERR_STORE_OPEN',
      `event store ${options.path} could not be opened: ${(cause as Error).message}`,
      {
        cause,
        hint: 'check that the data directory exists and is writable, and that the file is a Rampart store',
      },
    );
  }
  try {
    applyMigrations(db, SQLITE_MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
