import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { type ApiEvent, type BodySample, RampartError } from '@rampart/core';
import type { EventImport } from '@rampart/sensor';
import { createProgress, type Progress } from '../create-progress.js';
import { defineCommand } from '../define-command.js';
import { EXIT_CODES } from '../exit-codes.js';

/** The formats `rampart import` and `rampart discover --from` read. */
export const EVENT_FILE_FORMATS = ['auto', 'nginx-combined', 'nginx-json', 'envoy', 'har'] as const;
export type EventFileFormat = (typeof EVENT_FILE_FORMATS)[number];

/** Events are written to the store in batches of this many. */
const BATCH = 1000;
/** Malformed lines listed one by one; the rest are counted. */
const MAX_LISTED_MALFORMED = 10;

/** `rampart import <file...>`: events from access logs and HAR captures into the store. */
export const importCommand = defineCommand({
  name: 'import',
  summary: 'Import API calls from nginx or Envoy access logs and HAR captures into the event store.',
  description:
    'Reads each file as a stream (access logs of any size, plain or .gz; HAR files up to 512 MiB), turns every ' +
    'request into an event with credentials redacted, classifies its sensitive data (email, payment card, IBAN, ' +
    'national id… in the path, query, headers and HAR bodies; the classes and their fields are kept, the bodies ' +
    'are not), and writes the events to the SQLite store ' +
    '(store.sqlite.path, default .rampart/rampart.db) where the console, `rampart discover` and the monitor find ' +
    'them. Importing the same file twice stores its events once. Lines that cannot be parsed are reported with ' +
    'their line number and skipped. `--format auto` reads files ending in .har as HAR and decides per line ' +
    'between nginx combined, nginx JSON and Envoy for the others.',
  usage: '<file...> [--format auto|nginx-combined|nginx-json|envoy|har] [--store <path>]',
  args: [
    {
      name: 'file',
      description: 'Access logs (nginx combined or JSON, Envoy; .gz accepted) or HAR 1.2 captures.',
      variadic: true,
    },
  ],
  options: {
    format: {
      type: 'string',
      choices: EVENT_FILE_FORMATS,
      default: 'auto',
      description:
        "The files' format; auto: .har files are HAR, the others are access logs detected per line.",
    },
    store: {
      type: 'string',
      valueName: 'path',
      configKey: 'store.sqlite.path',
      description: 'The SQLite database to write to (created when missing). Default store.sqlite.path.',
    },
  },
  usesConfig: true,
  examples: [
    ['rampart import /var/log/nginx/access.log', 'Import an nginx access log into .rampart/rampart.db.'],
    ['rampart import capture.har --store /tmp/events.db', 'Import a browser capture into another database.'],
    ["rampart import 'logs/access.log.1.gz' --format nginx-json", 'A rotated, compressed log of JSON lines.'],
  ],
  exitCodes: {
    0: 'events imported (malformed lines, if any, are listed)',
    2: 'a file cannot be read, or not one of its lines is in the format (wrong --format?), or a bad option',
  },
  async run(context) {
    const { stderr, cwd } = context;
    const files = context.args.file;
    if (files.length === 0) {
      throw new RampartError('RAMPART_ERR_USAGE', 'missing argument <file...> for "rampart import"', {
        hint: 'name an access log or HAR file, e.g. rampart import access.log',
      });
    }
    const loaded = await context.loadConfig();
    const storePath = resolve(cwd, loaded.config.store.sqlite.path);
    const format = context.options.format as EventFileFormat;
    for (const file of files) await checkReadable(resolve(cwd, file), file);

    // Engines are loaded on use, so that other commands do not pay for them at start-up.
    const [{ createSqliteStore }, { createEventClassifier, createInventory }] = await Promise.all([
      import('@rampart/store'),
      import('@rampart/monitor'),
    ]);
    const store = createSqliteStore({ path: storePath });
    // Sensitive data is classified here, while HAR body samples are at hand; the events keep the classes and
    // where they were (`dataLocations`), the bodies themselves are not stored. An import is offline work, so
    // every body is classified (the live collector samples).
    const classify = createEventClassifier({ bodySampleRate: 1 });
    const inventory = createInventory({ classify: false });
    let worst: number = EXIT_CODES.ok;
    try {
      for (const file of files) {
        const path = resolve(cwd, file);
        const events = await openEventFile(path, format, { bodies: true });
        const total = stderr.isTTY === true && !isHar(path, format) ? await countLines(path) : undefined;
        const progress =
          total === undefined
            ? undefined
            : createProgress({ total, label: `importing ${file}`, stream: stderr });
        let imported = 0;
        let from = Number.POSITIVE_INFINITY;
        let to = Number.NEGATIVE_INFINITY;
        let batch: ApiEvent[] = [];
        let linesSeen = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          await store.saveEvents(batch);
          batch = [];
          tickTo(progress, events.report.lines, linesSeen);
          linesSeen = events.report.lines;
        };
        for await (const captured of events) {
          const event = withoutBodyText(classify(captured));
          imported++;
          if (event.time < from) from = event.time;
          if (event.time > to) to = event.time;
          inventory.observe(event);
          batch.push(event);
          if (batch.length >= BATCH) await flush();
        }
        await flush();
        tickTo(progress, events.report.lines, linesSeen);
        progress?.done(`importing ${file}: ${events.report.lines} lines read`);
        const report = events.report;
        const range =
          imported === 0 ? '' : `, ${new Date(from).toISOString()} to ${new Date(to).toISOString()}`;
        stderr.write(`rampart: ${file}: ${plural(imported, 'event')} imported${range}\n`);
        if (report.malformed > 0) {
          stderr.write(`rampart: ${file}: ${plural(report.malformed, 'malformed line')} skipped:\n`);
          for (const m of report.malformedSamples.slice(0, MAX_LISTED_MALFORMED)) {
            stderr.write(`  ${isHar(path, format) ? 'entry' : 'line'} ${m.line}: ${m.reason}\n`);
          }
          if (report.malformed > MAX_LISTED_MALFORMED) {
            stderr.write(`  … and ${report.malformed - MAX_LISTED_MALFORMED} more\n`);
          }
          if (imported === 0) {
            stderr.write(
              `rampart: ${file}: no line could be read as ${format === 'auto' ? 'an access log or HAR' : format}\n` +
                'hint: check --format (nginx-combined, nginx-json, envoy, har)\n',
            );
            worst = EXIT_CODES.usage;
          }
        }
      }
    } finally {
      await store.close();
    }
    const snapshot = inventory.snapshot();
    const probes = snapshot.endpoints.filter((e) => Object.keys(e.statuses).every((s) => s === '404')).length;
    stderr.write(
      `rampart: ${plural(snapshot.events, 'event')} in ${storePath}; ${plural(snapshot.endpoints.length - probes, 'endpoint')}` +
        (probes > 0 ? ` (and ${plural(probes, 'path')} that only answered 404)` : '') +
        '; next: rampart discover\n',
    );
    return worst;
  },
});

/**
 * The events of one access log or HAR file, in the given format (`auto`: `.har` files, or files that begin
 * like a HAR document, are HAR; the others are access logs detected line by line). HAR body samples are kept
 * (redacted) when `bodies` is set.
 */
export async function openEventFile(
  path: string,
  format: EventFileFormat,
  options: { readonly bodies?: boolean },
): Promise<EventImport> {
  const { importAccessLog, importHar } = await import('@rampart/sensor');
  if (format === 'har' || (format === 'auto' && (isHar(path, format) || (await looksLikeHar(path))))) {
    return importHar(path, { bodies: options.bodies ?? false });
  }
  return importAccessLog(path, { format });
}

/** Throws `RAMPART_ERR_IMPORT_READ` (exit 2) when `path` is not a readable file. */
export async function checkReadable(path: string, shown: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    handle = await open(path, 'r');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw new RampartError('RAMPART_ERR_IMPORT_READ', `cannot read ${shown}: ${code}`, {
      cause,
      hint: 'name an existing access log or HAR file that the current user may read',
    });
  } finally {
    await handle?.close();
  }
}

function isHar(path: string, format: EventFileFormat): boolean {
  return format === 'har' || (format === 'auto' && extname(path).toLowerCase() === '.har');
}

/** A HAR document starts with `{` and a `"log"` member; an nginx JSON line never has one. */
async function looksLikeHar(path: string): Promise<boolean> {
  if (path.endsWith('.gz')) return false;
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    return /^\s*\{\s*"log"\s*:/.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** Lines in a plain file (for the progress bar on a terminal); undefined for compressed files. */
async function countLines(path: string): Promise<number | undefined> {
  if (path.endsWith('.gz')) return undefined;
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    for (let i = (chunk as Buffer).indexOf(10); i >= 0; i = (chunk as Buffer).indexOf(10, i + 1)) lines++;
  }
  return lines;
}

function tickTo(progress: Progress | undefined, lines: number, seen: number): void {
  if (progress !== undefined && lines > seen) progress.tick(lines - seen);
}

/** The event without body sample texts (their type and size stay): `rampart import` does not store bodies. */
function withoutBodyText(event: ApiEvent): ApiEvent {
  if (event.requestBody?.text === undefined && event.responseBody?.text === undefined) return event;
  const { requestBody, responseBody, ...rest } = event;
  return {
    ...rest,
    ...(requestBody === undefined ? {} : { requestBody: withoutText(requestBody) }),
    ...(responseBody === undefined ? {} : { responseBody: withoutText(responseBody) }),
  };
}

function withoutText(sample: BodySample): BodySample {
  const { text: _text, ...rest } = sample;
  return rest;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
