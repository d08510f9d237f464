import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { type ApiEvent, RampartError } from '@rampart/core';
import type { InventoryDiff, InventorySnapshot } from '@rampart/monitor';
import { type ApiModel, loadApi, loadApiFromString } from '@rampart/openapi';
import { stringify } from 'yaml';
import { defineCommand } from '../define-command.js';
import { EXIT_CODES } from '../exit-codes.js';
import { checkReadable, EVENT_FILE_FORMATS, type EventFileFormat, openEventFile } from './import.js';

/** `rampart discover`: the API as traffic uses it, as an OpenAPI 3.1 document and a diff against the description. */
export const discoverCommand = defineCommand({
  name: 'discover',
  summary: 'Reconstruct an OpenAPI 3.1 description from observed traffic and compare it with yours.',
  description:
    'Builds an inventory of the endpoints that imported events (or the access logs and HAR files given with ' +
    '--from) reached: path templates inferred from the paths (/users/123 → /users/{userId}), parameters with ' +
    'their types, request and response body schemas from JSON samples (HAR captures carry them), the ' +
    'authentication used, status codes, and sensitive data classes. It writes an OpenAPI 3.1 document (YAML, or ' +
    'JSON when --output ends in .json) that `rampart audit` can read. With --spec, calls are matched to the ' +
    "description's operations and the differences are printed: shadow endpoints (answered calls to paths or " +
    'methods it does not document), zombie endpoints (deprecated operations still called), undocumented query ' +
    'parameters, body properties and status codes, and documented operations never called.',
  usage: '[--from <log|har>...] [--store <path>] [--spec <openapi>] [--output <file>] [--diff]',
  options: {
    from: {
      type: 'string',
      multiple: true,
      valueName: 'file',
      description: 'Read events from these access logs or HAR files instead of the store (repeatable).',
    },
    format: {
      type: 'string',
      choices: EVENT_FILE_FORMATS,
      default: 'auto',
      description: 'The format of the --from files.',
    },
    store: {
      type: 'string',
      valueName: 'path',
      configKey: 'store.sqlite.path',
      description: 'The SQLite database of imported events (without --from). Default store.sqlite.path.',
    },
    spec: {
      type: 'string',
      valueName: 'openapi',
      description: 'Your API description: match calls to its operations and print the differences.',
    },
    output: {
      type: 'string',
      short: 'o',
      valueName: 'file',
      description:
        'Write the reconstructed description here (.json for JSON, else YAML). Default: standard output.',
    },
    diff: {
      type: 'boolean',
      description:
        'Print only the differences with --spec (no document unless --output) and exit 1 when there are ' +
        'shadow or zombie endpoints, for CI.',
    },
    title: {
      type: 'string',
      valueName: 'text',
      description: 'info.title of the document. Default "Observed API".',
    },
    server: {
      type: 'string',
      multiple: true,
      valueName: 'url',
      description: 'A server URL for the document (repeatable).',
    },
  },
  usesConfig: true,
  examples: [
    [
      'rampart import access.log && rampart discover -o discovered.yaml',
      'Describe what the logged traffic used.',
    ],
    ['rampart discover --from capture.har -o api.json', 'Straight from a browser capture, bodies included.'],
    [
      'rampart discover --spec openapi.yaml --diff',
      'Shadow and zombie endpoints, undocumented parameters and status codes; exit 1 on shadow or zombie.',
    ],
    ['rampart discover -o discovered.yaml && rampart audit discovered.yaml', 'Audit what is really exposed.'],
  ],
  exitCodes: {
    0: 'document written (and differences printed)',
    1: 'with --diff: the traffic reached shadow or zombie endpoints',
    2: 'no events (empty store, missing --from file), an unreadable description, or a bad option',
  },
  async run(context) {
    const { stdout, stderr, cwd, options } = context;
    // Loaded on use, so that other commands do not pay for the monitor at start-up.
    const { createInventory, toOpenApi } = await import('@rampart/monitor');
    if (options.diff && options.spec === undefined) {
      throw new RampartError(
        'RAMPART_ERR_USAGE',
        '--diff needs --spec <openapi> to compare the traffic with',
        {
          hint: 'rampart discover --spec openapi.yaml --diff',
        },
      );
    }
    const loaded = await context.loadConfig();
    let model: ApiModel | undefined;
    if (options.spec !== undefined) model = await loadApi(resolve(cwd, options.spec));
    const inventory = createInventory(model === undefined ? {} : { model });

    let sourceName: string;
    if (options.from.length > 0) {
      for (const file of options.from) await checkReadable(resolve(cwd, file), file);
      for (const file of options.from) {
        const events = await openEventFile(resolve(cwd, file), options.format as EventFileFormat, {
          bodies: true,
        });
        for await (const event of events) inventory.observe(event);
        if (events.report.malformed > 0) {
          stderr.write(
            `rampart: ${file}: ${events.report.malformed} malformed lines skipped (see rampart import)\n`,
          );
        }
      }
      sourceName = options.from.join(', ');
    } else {
      const storePath = resolve(cwd, loaded.config.store.sqlite.path);
      if (!existsSync(storePath)) {
        throw new RampartError(
          'RAMPART_ERR_USAGE',
          `no events to discover from: the store ${storePath} does not exist`,
          {
            hint: 'import traffic first (rampart import access.log) or read files directly with --from <file>',
          },
        );
      }
      await readStore(storePath, context.env, (event) => inventory.observe(event));
      sourceName = storePath;
    }
    const snapshot = inventory.snapshot();
    if (snapshot.events === 0) {
      throw new RampartError('RAMPART_ERR_USAGE', `no events to discover from in ${sourceName}`, {
        hint: 'import traffic first (rampart import access.log) or read files directly with --from <file>',
      });
    }

    const document = toOpenApi(snapshot, {
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.server.length > 0 ? { servers: options.server } : {}),
    });
    // The document must load like any description; if it does not, that is our bug, not the user's input.
    await loadApiFromString(JSON.stringify(document), 'discovered.json').catch((cause: unknown) => {
      throw new RampartError('RAMPART_ERR_INTERNAL', 'the reconstructed description does not load', {
        cause,
      });
    });
    const output = options.output;
    const json = output !== undefined && extname(output).toLowerCase() === '.json';
    const text = json ? `${JSON.stringify(document, null, 2)}\n` : stringify(document, { lineWidth: 0 });
    if (output !== undefined) {
      const file = resolve(cwd, output);
      try {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, text);
      } catch (cause) {
        throw new RampartError(
          'RAMPART_ERR_USAGE',
          `cannot write the description to ${output}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
          {
            cause,
            hint: 'check that the directory is writable and the path is not a directory',
          },
        );
      }
    } else if (!options.diff) {
      stdout.write(text);
    }

    const kept = (document['x-rampart-observed'] as { endpoints: number }).endpoints;
    const report = output !== undefined || options.diff ? stdout : stderr;
    report.write(
      `discovered ${plural(kept, 'endpoint')} from ${plural(snapshot.events, 'event')} (${sourceName})` +
        (output === undefined ? '' : `; wrote ${output}`) +
        (snapshot.droppedEvents > 0
          ? `; ${snapshot.droppedEvents} events beyond the inventory's limits`
          : '') +
        '\n',
    );
    if (snapshot.diff !== undefined && model !== undefined) {
      report.write(renderDiff(snapshot.diff, snapshot, options.spec!, model.operations.length));
      if (options.diff && (snapshot.diff.shadow.length > 0 || snapshot.diff.zombie.length > 0)) {
        return EXIT_CODES.findings;
      }
    }
    return EXIT_CODES.ok;
  },
});

/** Pages through every stored event (bodies too when a store key is configured). */
async function readStore(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
  visit: (event: ApiEvent) => void,
): Promise<void> {
  const { createSqliteStore, loadStoreKey } = await import('@rampart/store');
  const key = await loadStoreKey({ env });
  const store = createSqliteStore({ path, ...(key === undefined ? {} : { encryptionKey: key }) });
  try {
    let cursor: string | undefined;
    do {
      const page = await store.queryEvents({
        limit: 1000,
        includeBodies: key !== undefined,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const event of page.items) visit(event);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  } finally {
    await store.close();
  }
}

/** The diff as text for a terminal or a CI log. */
function renderDiff(
  diff: InventoryDiff,
  snapshot: InventorySnapshot,
  spec: string,
  operations: number,
): string {
  const lines: string[] = [`differences with ${spec} (${plural(operations, 'operation')}):`];
  const section = (title: string, items: readonly string[]) => {
    lines.push(`  ${title} (${items.length})${items.length === 0 ? ': none' : ':'}`);
    for (const item of items) lines.push(`    ${item}`);
  };
  const statuses = (s: Readonly<Record<string, number>>) =>
    Object.entries(s)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
  section(
    'shadow endpoints',
    diff.shadow.map(
      (s) =>
        `${s.method} ${s.template}  ${plural(s.calls, 'call')} [${statuses(s.statuses)}]` +
        (s.reason === 'undocumented-method' ? '  (the path is documented for other methods)' : ''),
    ),
  );
  section(
    'zombie endpoints (deprecated, still called)',
    diff.zombie.map(
      (z) =>
        `${z.method} ${z.template}${z.operationId ? ` (${z.operationId})` : ''}  ${plural(z.calls, 'call')}, last ${new Date(z.lastSeen).toISOString()}`,
    ),
  );
  section(
    'undocumented parameters',
    diff.undocumentedParameters.map(
      (p) => `${p.method} ${p.template}  ${p.in} ${p.name}  (${plural(p.count, 'time')})`,
    ),
  );
  section(
    'undocumented status codes',
    diff.undocumentedStatuses.map(
      (s) => `${s.method} ${s.template}  ${s.status}  (${plural(s.calls, 'call')})`,
    ),
  );
  const unseen = diff.unseenOperations;
  lines.push(
    `  documented operations not called (${unseen.length})${
      unseen.length === 0
        ? ''
        : `: ${unseen
            .slice(0, 20)
            .map((o) => o.operationId ?? `${o.method} ${o.template}`)
            .join(', ')}${unseen.length > 20 ? ', …' : ''}`
    }`,
  );
  if (diff.notFoundOnly > 0) {
    lines.push(
      `  ${plural(diff.notFoundOnly, 'path')} only ever answered 404 (probes, not counted as shadow)`,
    );
  }
  if (snapshot.droppedEvents > 0)
    lines.push(`  note: ${snapshot.droppedEvents} events were not attributed (limits)`);
  return `${lines.join('\n')}\n`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
