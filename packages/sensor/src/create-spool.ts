import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiEvent } from '@rampart/core';

/** One spooled batch, to be committed once the collector has it. */
export interface SpooledBatch {
  readonly events: readonly ApiEvent[];
  /** Marks the batch delivered (or given up); the next `peek` returns the one after it. */
  commit(): Promise<void>;
}

/** A bounded, append-only file of batches the collector has not taken yet. */
export interface Spool {
  /** Appends a batch; resolves `false` (nothing written) when it would exceed `maxBytes`. */
  append(events: readonly ApiEvent[]): Promise<boolean>;
  /** The oldest batch not yet committed, or `undefined` when the spool is empty. */
  peek(): Promise<SpooledBatch | undefined>;
  /** Bytes written and not yet committed. */
  pendingBytes(): number;
  /** Lines that could not be read back (a crash in the middle of an append) and were skipped. */
  corruptLines(): number;
}

/**
 * Opens (or resumes) the spool in `dir`: `spool.ndjson` holds one JSON array of events per line, appended only;
 * `spool.offset` records how far delivery got, so a restarted process resumes where it stopped (a batch
 * delivered just before a crash may be sent twice; the store ignores duplicate event ids). When everything is
 * delivered both files are removed, so the spool does not grow without bound. Files are created mode 0600.
 */
export async function createSpool(dir: string, maxBytes: number): Promise<Spool> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const dataPath = join(dir, 'spool.ndjson');
  const offsetPath = join(dir, 'spool.offset');
  let size = await stat(dataPath).then(
    (s) => s.size,
    () => 0,
  );
  size = await dropTornTail(dataPath, size);
  let offset = await readFile(offsetPath, 'utf8').then(
    (t) => Math.min(Number(t) || 0, size),
    () => 0,
  );
  let corrupt = 0;

  async function reset(): Promise<void> {
    await rm(dataPath, { force: true });
    await rm(offsetPath, { force: true });
    size = 0;
    offset = 0;
  }

  /** Reads the line that starts at `from`; `undefined` when it has no newline yet (a torn append). */
  async function readLine(from: number): Promise<{ text: string; next: number } | undefined> {
    const handle = await open(dataPath, 'r');
    try {
      const parts: Buffer[] = [];
      let position = from;
      const chunk = Buffer.alloc(64 * 1024);
      while (position < size) {
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) break;
        const nl = chunk.subarray(0, bytesRead).indexOf(10);
        if (nl >= 0) {
          parts.push(Buffer.from(chunk.subarray(0, nl)));
          return { text: Buffer.concat(parts).toString('utf8'), next: position + nl + 1 };
        }
        parts.push(Buffer.from(chunk.subarray(0, bytesRead)));
        position += bytesRead;
      }
      return undefined;
    } finally {
      await handle.close();
    }
  }

  return {
    async append(events) {
      const line = Buffer.from(`${JSON.stringify(events)}\n`, 'utf8');
      if (size - offset + line.length > maxBytes) return false;
      await writeFile(dataPath, line, { flag: 'a', mode: 0o600 });
      size += line.length;
      return true;
    },

    async peek() {
      while (offset < size) {
        const line = await readLine(offset);
        if (line === undefined) {
          // A torn final line (the process died mid-append): nothing after it can be trusted.
          corrupt += 1;
          await reset();
          return undefined;
        }
        let events: ApiEvent[] | undefined;
        try {
          const parsed = JSON.parse(line.text) as unknown;
          events = Array.isArray(parsed) ? (parsed as ApiEvent[]) : undefined;
        } catch {
          events = undefined;
        }
        if (events === undefined) {
          corrupt += 1;
          offset = line.next;
          continue;
        }
        const next = line.next;
        return {
          events,
          commit: async () => {
            offset = next;
            if (offset >= size) await reset();
            else await writeFile(offsetPath, String(offset), { mode: 0o600 });
          },
        };
      }
      if (size > 0) await reset();
      return undefined;
    },

    pendingBytes: () => size - offset,
    corruptLines: () => corrupt,
  };
}

/**
 * A process killed in the middle of an append leaves a last line without its newline. Cut it off at open, so
 * that the next append does not glue a good batch onto it. Returns the new size.
 */
async function dropTornTail(path: string, size: number): Promise<number> {
  if (size === 0) return 0;
  const handle = await open(path, 'r+');
  try {
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const nl = chunk.subarray(0, bytesRead).lastIndexOf(10);
      if (nl >= 0) {
        const keep = start + nl + 1;
        if (keep < size) await handle.truncate(keep);
        return keep;
      }
      end = start;
    }
    await handle.truncate(0);
    return 0;
  } finally {
    await handle.close();
  }
}
