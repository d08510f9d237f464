export type { MigrationResult } from './apply-migrations.js';
export { applyMigrations } from './apply-migrations.js';
export type { BodyCipher } from './create-body-cipher.js';
export { createBodyCipher } from './create-body-cipher.js';
export type {
  BatchOptions,
  RetentionOptions,
  RetentionReport,
  SqliteStore,
  SqliteStoreOptions,
  SqliteStoreStats,
} from './create-sqlite-store.js';
export { createSqliteStore } from './create-sqlite-store.js';
export type { LoadStoreKeyOptions } from './load-store-key.js';
export { loadStoreKey } from './load-store-key.js';
export type { Migration } from './migration.js';
export type { PreparedEvent, SealedBodies } from './prepare-stored-event.js';
export { prepareStoredEvent } from './prepare-stored-event.js';
export { restoreStoredEvent } from './restore-stored-event.js';
export { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
