import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Alert } from '@rampart/core';
import type { AlertChange, AlertSink } from './alert-sink.js';

export interface JsonLinesSinkOptions {
  /** Append to this file. Without it, lines go to `stream` (default standard output). */
  readonly path?: string;
  readonly stream?: Writable;
  /** Lines buffered while the stream applies backpressure; beyond it lines are dropped and counted. Default 10,000. */
  readonly maxQueue?: number;
}

/**
 * Creates a sink that writes one JSON object per alert per line: `{"change":"opened","alert":{…}}`. It honours
 * the stream's backpressure with a bounded buffer instead of blocking ingestion. A file is opened for append and
 * closed by `close`; a given stream (or standard output) is left open.
 */
export function createJsonLinesSink(options: JsonLinesSinkOptions = {}): AlertSink {
  const ownStream = options.path !== undefined;
  const stream: Writable = ownStream
    ? createWriteStream(options.path!, { flags: 'a' })
    : (options.stream ?? process.stdout);
  const maxQueue = options.maxQueue ?? 10_000;
  const waiting: string[] = [];
  let blocked = false;
  let sent = 0;
  let failed = 0;
  let dropped = 0;
  let streamError: unknown;
  stream.on('error', (error) => {
    streamError = error;
  });

  const write = (line: string) => {
    if (streamError !== undefined) {
      failed++;
      return;
    }
    sent++;
    if (!stream.write(line)) {
      blocked = true;
      stream.once('drain', () => {
        blocked = false;
        while (waiting.length > 0 && !blocked) write(waiting.shift()!);
      });
    }
  };

  const settled = () =>
    new Promise<void>((resolve) => {
      if (streamError !== undefined || (!blocked && waiting.length === 0)) {
        // Wait for what was handed to the stream to be flushed to the OS.
        if (streamError === undefined && stream.writableLength > 0) stream.write('', () => resolve());
        else resolve();
        return;
      }
      stream.once('drain', () => void settled().then(resolve));
    });

  return {
    name: ownStream ? `json-lines:${options.path}` : 'json-lines',
    send(alert: Alert, change: AlertChange) {
      const line = `${JSON.stringify({ change, alert })}\n`;
      if (blocked) {
        if (waiting.length >= maxQueue) dropped++;
        else waiting.push(line);
        return;
      }
      write(line);
    },
    flush: settled,
    async close() {
      await settled();
      if (ownStream) await new Promise<void>((resolve) => stream.end(resolve));
    },
    stats: () => ({ sent, failed, dropped, queued: waiting.length }),
  };
}
