import type { Blocklist } from '@rampart/core';

/** One blocked actor. */
export interface BlocklistEntry {
  readonly actor: string;
  /** Epoch ms when the block lapses. */
  readonly until: number;
  readonly reason: string;
}

/** The in-process `Blocklist`, with synchronous reads for the gateway's hot path. */
export interface MemoryBlocklist extends Blocklist {
  /** Same as `has`, without a promise. */
  hasSync(actor: string): boolean;
  /** Entries still in force. */
  entries(): BlocklistEntry[];
  readonly size: number;
}

export interface MemoryBlocklistOptions {
  /** Most entries kept; past it, expired entries go first, then the oldest. Default 100,000. */
  readonly maxEntries?: number;
  /** Epoch ms now. Default `Date.now`. */
  readonly clock?: () => number;
}

/**
 * Creates the in-memory blocklist (the `Blocklist` port of `@rampart/core` for one process): entries are
 * actor keys (`ip:203.0.113.7`, see `formatActorKey`) with a time to live; an expired entry is gone on the next
 * read. Adding an actor again extends its block to the later expiry and keeps the latest reason.
 */
export function createMemoryBlocklist(options: MemoryBlocklistOptions = {}): MemoryBlocklist {
  const maxEntries = options.maxEntries ?? 100_000;
  const clock = options.clock ?? Date.now;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError(`blocklist maxEntries must be a positive integer, got ${String(maxEntries)}`);
  }
  const entries = new Map<string, BlocklistEntry>();

  const hasSync = (actor: string): boolean => {
    const entry = entries.get(actor);
    if (entry === undefined) return false;
    if (entry.until > clock()) return true;
    entries.delete(actor);
    return false;
  };
  const prune = () => {
    const now = clock();
    for (const [actor, entry] of entries) if (entry.until <= now) entries.delete(actor);
    while (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  };

  return {
    async add(actor, ttlMs, reason) {
      if (typeof actor !== 'string' || actor === '') {
        throw new TypeError(`blocklist actor must be a non-empty string, got ${JSON.stringify(actor)}`);
      }
      if (!(ttlMs > 0)) throw new TypeError(`blocklist ttlMs must be > 0, got ${String(ttlMs)}`);
      const until = clock() + ttlMs;
      const existing = entries.get(actor);
      entries.delete(actor);
      if (entries.size >= maxEntries) prune();
      entries.set(actor, { actor, until: Math.max(until, existing?.until ?? 0), reason });
    },
    has: async (actor) => hasSync(actor),
    async remove(actor) {
      entries.delete(actor);
    },
    hasSync,
    entries() {
      const now = clock();
      return [...entries.values()].filter((e) => e.until > now);
    },
    get size() {
      return this.entries().length;
    },
  };
}
