import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { type ApiEvent, RampartError } from '@rampart/core';
import { type AccessRecord, accessRecordToEvent } from './access-record-to-event.js';
import {
  createImportReport,
  type EventImport,
  type ImportReport,
  MAX_MALFORMED_SAMPLES,
  type MalformedInput,
  resetImportReport,
} from './event-import.js';
import { parseEnvoyAccessLog } from './parse-envoy-access-log.js';
import { parseJsonAccessLog } from './parse-json-access-log.js';
import { parseNginxCombined } from './parse-nginx-combined.js';
import { readLines } from './read-lines.js';

export type AccessLogFormat = 'nginx-combined' | 'nginx-json' | 'envoy' | 'auto';

export interface ImportAccessLogOptions {
  /**
   * `auto` (default) decides per line: `{` starts a JSON line (nginx JSON or Envoy `json_format`), `[` an Envoy
   * line, anything else an nginx combined line.
   */
  readonly format?: AccessLogFormat;
  /** The events' origin: default `import:<file name>`. */
  readonly origin?: string;
  /** Lines longer than this are reported malformed without being held in memory: default 64 KiB. */
  readonly maxLineBytes?: number;
  /** Told about each malformed line as it is met. */
  readonly onMalformed?: (malformed: MalformedInput) => void;
}

const PARSERS: Readonly<Record<Exclude<AccessLogFormat, 'auto'>, (line: string) => AccessRecord | string>> = {
  'nginx-combined': parseNginxCombined,
  'nginx-json': parseJsonAccessLog,
  envoy: parseEnvoyAccessLog,
};

/**
 * Streams the events of an nginx or Envoy access log (plain, or gzip when the name ends in `.gz`), line by line
 * with bounded memory whatever the file's size. A malformed line is counted and reported with its number and
 * the reason, never fatal. Throws `RAMPART_ERR_IMPORT_READ` (while iterating) when the file cannot be read.
 */
export function importAccessLog(file: string, options: ImportAccessLogOptions = {}): EventImport {
  const format = options.format ?? 'auto';
  if (format !== 'auto' && !(format in PARSERS)) {
    throw new TypeError(`access log format must be nginx-combined, nginx-json, envoy or auto, got ${format}`);
  }
  const origin = options.origin ?? `import:${basename(file)}`;
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024;
  const report: ImportReport = createImportReport();

  async function* events(): AsyncGenerator<ApiEvent> {
    resetImportReport(report);
    const malformed = (line: number, reason: string) => {
      report.malformed += 1;
      const entry = { line, reason };
      if (report.malformedSamples.length < MAX_MALFORMED_SAMPLES) report.malformedSamples.push(entry);
      options.onMalformed?.(entry);
    };
    const stream = openLog(file);
    try {
      for await (const line of readLines(stream, maxLineBytes)) {
        report.lines += 1;
        if (line.text === undefined) {
          malformed(line.number, `longer than ${maxLineBytes} bytes`);
          continue;
        }
        const trimmed = line.text.trim();
        if (trimmed === '') {
          report.blank += 1;
          continue;
        }
        const parse = PARSERS[format === 'auto' ? detect(trimmed) : format];
        const record = parse(trimmed);
        if (typeof record === 'string') {
          malformed(line.number, record);
          continue;
        }
        report.events += 1;
        yield accessRecordToEvent(record, origin, line.number, trimmed);
      }
    } catch (cause) {
      if (cause instanceof RampartError) throw cause;
      throw new RampartError(
        'RAMPART_ERR_IMPORT_READ',
        `access log ${file} could not be read: ${(cause as Error).message}`,
        {
          cause,
          hint: 'check the path and permissions; a .gz file must be gzip',
        },
      );
    } finally {
      stream.destroy();
    }
  }

  return { report, [Symbol.asyncIterator]: () => events() };
}

function detect(line: string): Exclude<AccessLogFormat, 'auto'> {
  if (line.startsWith('{')) return 'nginx-json';
  if (line.startsWith('[')) return 'envoy';
  return 'nginx-combined';
}

function openLog(file: string): Readable {
  const raw = createReadStream(file, { highWaterMark: 256 * 1024 });
  if (!file.endsWith('.gz')) return raw;
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}
