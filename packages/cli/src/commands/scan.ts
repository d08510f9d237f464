import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RampartError } from '@rampart/core';
import { type ApiModel, loadApi } from '@rampart/openapi';
import { renderReport, shouldUseColor } from '@rampart/reporters';
import type {
  HostScanInput,
  HostScanOutcome,
  IdentitiesConfig,
  ScanCheck,
  ScanProgress,
} from '@rampart/scan';
import { buildScanReport, countBySeverity, type ScannedHost } from '../build-scan-report.js';
import { createProgress } from '../create-progress.js';
import { decideExitCode, parseFailOn } from '../decide-exit-code.js';
import { defineCommand } from '../define-command.js';
import { EXIT_CODES, exitCodeForError } from '../exit-codes.js';
import { formatError } from '../format-error.js';
import { parseDuration } from '../parse-duration.js';
import { parseReportFormats } from '../parse-report-formats.js';
import { readHostsFile } from '../read-hosts-file.js';
import { readTestPlan } from '../read-test-plan.js';
import { readVersion } from '../read-version.js';
import { REPORT_FILE_NAMES, resolveReportTargets } from '../resolve-report-targets.js';
import { renderScanSummary } from '../render-scan-summary.js';
import { selectScanChecks } from '../select-scan-checks.js';

/** The default time budget of one host's scan. */
const DEFAULT_MAX_TIME = '10m';

/** `rampart scan`: the active scanner, against one or many running hosts. */
export const scanCommand = defineCommand({
  name: 'scan',
  summary: 'Test running APIs for OWASP API Top 10 flaws with several identities, and score each host.',
  description:
    'Sends requests to the running API at each target, planned from its OpenAPI description (--spec) or, ' +
    'where there is none, from recorded traffic (--har: endpoints, parameters and schemas are learned from ' +
    'it). With --identities (two users of the same role and an admin, by token, cookie or login flow) it ' +
    'tests object-, property- and function-level authorization between them; a preflight first proves every ' +
    'identity works, and a failing one stops the scan (exit 2). Every finding is re-confirmed and comes with ' +
    "the request, the response and a curl command. Safety: only the targets (and the scanner's own local " +
    'canary) are contacted; scans are read-only unless --allow-writes (or scan.readOnly: false); deleting ' +
    'needs --destructive; requests per second are capped (--rate, per host), Retry-After is honoured, and ' +
    'each host has a request and time budget. Every request carries X-Rampart-Scan: <scan id>, printed at ' +
    "the start, so the traffic can be told apart in the target's logs. Several hosts (--target repeated, or " +
    '--hosts) are scanned --concurrency at a time, each with a posture score 0-100, and a summary table ends ' +
    'the run. Only scan APIs you are allowed to test.',
  usage: '--spec <openapi> --target <url> [--identities <file>] [options]',
  options: {
    spec: {
      type: 'string',
      valueName: 'openapi',
      description: 'The OpenAPI description of the targets (file or http(s) URL).',
    },
    har: {
      type: 'string',
      valueName: 'file',
      description:
        'Recorded traffic (HAR 1.2) to learn the endpoints from, for targets without a description. Only ' +
        "entries to each target's origin are used.",
    },
    target: {
      type: 'string',
      multiple: true,
      valueName: 'url',
      description:
        'The origin of a running API, with an optional base path (http://127.0.0.1:8080/api). Repeat it for ' +
        'several. Default: scan.targets from the configuration.',
    },
    hosts: {
      type: 'string',
      valueName: 'file',
      description:
        'A file of targets, one per line, each optionally followed by its own description or HAR path ' +
        '(relative to the file); # starts a comment.',
    },
    identities: {
      type: 'string',
      valueName: 'file',
      configKey: 'scan.identities',
      description: `identities.yaml: the users to test with (tokens, cookies, headers or login flows); \${NAME} in it is read from the environment.`,
    },
    'auto-identities': {
      type: 'boolean',
      description:
        "Sign up two throwaway users of the same role through the API's own registration and password login " +
        '(found in the description: register/signup operations, login/token operations), log them in, and test ' +
        'with them and anonymous; adds to --identities. Writes to the target. Same as autoIdentities: true in ' +
        'identities.yaml.',
    },
    plan: {
      type: 'string',
      valueName: 'file',
      description:
        'The test plan from "rampart audit --plan": the operations it names are tested first, most urgent first.',
    },
    'read-only': {
      type: 'boolean',
      configKey: 'scan.readOnly',
      description:
        "Send only GET, HEAD, OPTIONS and TRACE (and the identities' login requests). The default.",
    },
    'allow-writes': {
      type: 'boolean',
      description:
        'Also send POST, PUT, PATCH and DELETE: objects are created (and deleted at the end) to test ' +
        'authorization on them. Only against a non-production target.',
    },
    destructive: {
      type: 'boolean',
      description: 'Let checks delete objects (only those the scan created). Needs --allow-writes.',
    },
    rate: {
      type: 'string',
      valueName: 'N',
      configKey: 'scan.rate',
      description: 'At most N requests per second to each host (default scan.rate, 10).',
    },
    'max-requests': {
      type: 'string',
      valueName: 'N',
      configKey: 'scan.budget',
      description:
        'At most N requests to each host; the scan stops cleanly when spent (default scan.budget).',
    },
    'max-time': {
      type: 'string',
      valueName: 'duration',
      description: `At most this long per host, e.g. 90s, 5m, 1h (default ${DEFAULT_MAX_TIME}).`,
    },
    checks: {
      type: 'string',
      valueName: 'id,...',
      description: 'Run only these checks (comma-separated ids; --list-checks prints them).',
    },
    skip: {
      type: 'string',
      valueName: 'id,...',
      description: 'Do not run these checks (comma-separated ids).',
    },
    'list-checks': {
      type: 'boolean',
      description: 'Print every check (id, severity, OWASP category, title) and whether it would run; exit.',
    },
    concurrency: {
      type: 'string',
      valueName: 'N',
      default: '4',
      description: 'Hosts scanned at the same time (checks within a host run one after another).',
    },
    'scan-id': {
      type: 'string',
      valueName: 'id',
      description: 'The value of the X-Rampart-Scan header (default: random, rs-<12 hex digits>).',
    },
    format: {
      type: 'string',
      multiple: true,
      valueName: 'text|json|sarif|junit|html',
      description:
        'Report format. Repeat it or separate formats with commas for several (they need --output). Default text.',
    },
    output: {
      type: 'string',
      valueName: 'path',
      description:
        'Write the report to this file instead of standard output; a directory (ending in "/" or without ' +
        'extension) gets one rampart-scan.<ext> file per format.',
    },
    'fail-on': {
      type: 'string',
      valueName: 'severity|none',
      default: 'high',
      description:
        'Exit 1 when a finding is at or above this severity (info, low, medium, high, critical); none never fails because of findings.',
    },
  },
  usesConfig: true,
  examples: [
    [
      'rampart scan --spec openapi.yaml --target http://127.0.0.1:8080 --identities identities.yaml',
      'Read-only scan of a local API as anonymous and the identities in identities.yaml.',
    ],
    [
      'rampart scan --spec openapi.yaml --target https://staging.example.com --identities ids.yaml --allow-writes --rate 20',
      'Also test write operations (objects are created, then deleted), at most 20 requests per second.',
    ],
    [
      'rampart scan --spec openapi.yaml --target http://127.0.0.1:8080 --auto-identities --allow-writes',
      'No identities file: sign up two throwaway users through the API and test authorization between them.',
    ],
    [
      'rampart scan --har traffic.har --target http://127.0.0.1:8080 --identities identities.yaml',
      'No description: learn the endpoints from traffic recorded in the browser or a proxy.',
    ],
    [
      'rampart scan --hosts hosts.txt --spec openapi.yaml --concurrency 2 --format sarif,html --output reports/',
      'Scan every host in hosts.txt, two at a time, with a score per host; SARIF and HTML reports.',
    ],
    [
      'rampart audit openapi.yaml --plan plan.json && rampart scan --spec openapi.yaml --plan plan.json --target http://127.0.0.1:8080',
      'Attack first what the static audit found suspicious.',
    ],
    [
      'rampart scan --spec openapi.yaml --target http://127.0.0.1:8080 --checks api1-bola,api5-admin-functions --max-time 2m',
      'Only two checks, at most two minutes.',
    ],
  ],
  exitCodes: {
    0: 'every host scanned, no finding at or above --fail-on',
    1: 'a finding at or above --fail-on',
    2: 'usage or input error: bad option, unreadable description, HAR, hosts, plan or identities file, or an identity that failed its preflight (the message names it)',
    3: 'internal failure, including a check that failed with an internal error (the other checks still ran)',
  },
  async run(context) {
    const { stdout, stderr, cwd } = context;
    // Loaded on use, so that other commands (and --help) do not pay for the scanner's start-up.
    const { prioritizeOperations, SCAN_CHECKS, SCAN_TAG_HEADER, scanHosts } = await import('@rampart/scan');
    const loaded = await context.loadConfig();
    const config = loaded.config.scan;
    const options = context.options;

    // Everything the command line can get wrong is checked before any request is sent.
    const checks = selectScanChecks(SCAN_CHECKS, options.checks, options.skip);
    if (options['list-checks']) {
      stdout.write(
        listChecks(
          SCAN_CHECKS,
          checks.map((c) => c.id),
        ),
      );
      return EXIT_CODES.ok;
    }
    const formats = parseReportFormats(options.format.length > 0 ? options.format : ['text']);
    const reportTargets = resolveReportTargets(formats, options.output, cwd).map((t) =>
      t.file !== undefined && basename(t.file) === REPORT_FILE_NAMES[t.format]
        ? { ...t, file: join(dirname(t.file), basename(t.file).replace('rampart-audit', 'rampart-scan')) }
        : t,
    );
    const failOn = parseFailOn(options['fail-on']);
    const concurrency = parsePositiveInteger(options.concurrency, '--concurrency');
    const maxTimeMs = parseDuration(options['max-time'] ?? DEFAULT_MAX_TIME, '--max-time');
    if (options['read-only'] && options['allow-writes']) {
      throw new RampartError('RAMPART_ERR_USAGE', '--read-only and --allow-writes contradict each other', {
        hint: 'keep one of them',
      });
    }
    const readOnly = options['allow-writes'] ? false : config.readOnly;
    if (options.destructive && readOnly) {
      throw new RampartError(
        'RAMPART_ERR_USAGE',
        '--destructive needs write requests, but the scan is read-only',
        {
          hint: `add --allow-writes (read-only comes from ${loaded.overridden.get('scan.readOnly') ?? 'scan.readOnly'})`,
        },
      );
    }
    if (options.spec !== undefined && options.har !== undefined) {
      throw new RampartError(
        'RAMPART_ERR_USAGE',
        '--spec and --har both describe the API: give one of them',
        {
          hint: 'use --spec when there is a description; --har learns one from traffic when there is none',
        },
      );
    }

    const hosts: { target: string; source?: string; kind: 'spec' | 'har' | 'none' }[] = [];
    const defaultSource = options.spec ?? options.har;
    const defaultKind = options.spec !== undefined ? 'spec' : options.har !== undefined ? 'har' : 'none';
    const flagTargets =
      options.target.length > 0 ? options.target : options.hosts === undefined ? config.targets : [];
    for (const target of flagTargets) {
      hosts.push({
        target: parseTarget(target),
        ...(defaultSource === undefined ? {} : { source: resolveSource(defaultSource, cwd) }),
        kind: defaultKind,
      });
    }
    if (options.hosts !== undefined) {
      for (const entry of await readHostsFile(options.hosts, cwd)) {
        const source =
          entry.source ?? (defaultSource === undefined ? undefined : resolveSource(defaultSource, cwd));
        const kind =
          entry.source !== undefined ? (/\.har$/i.test(entry.source) ? 'har' : 'spec') : defaultKind;
        hosts.push({ target: entry.target, ...(source === undefined ? {} : { source }), kind });
      }
    }
    if (hosts.length === 0) {
      throw new RampartError('RAMPART_ERR_USAGE', 'no target to scan', {
        hint: 'give --target <url> (repeatable) or --hosts <file>, or set scan.targets in rampart.yaml',
      });
    }
    const seenTargets = new Set<string>();
    for (const host of hosts) {
      if (seenTargets.has(host.target)) {
        throw new RampartError('RAMPART_ERR_USAGE', `target ${host.target} is given twice`, {
          hint: 'list each target once (--target and --hosts together)',
        });
      }
      seenTargets.add(host.target);
      if (host.source === undefined) {
        throw new RampartError('RAMPART_ERR_USAGE', `no description of the API at ${host.target}`, {
          hint: 'give --spec <openapi> or --har <traffic.har>, or a path after the target in the hosts file',
        });
      }
    }

    const identitiesFile = config.identities;
    const declared =
      identitiesFile === undefined ? undefined : await readIdentities(identitiesFile, cwd, context.env);
    const identities: IdentitiesConfig | undefined = options['auto-identities']
      ? { ...(declared ?? { identities: [] }), autoIdentities: true }
      : declared;
    const plan = options.plan === undefined ? undefined : await readTestPlan(options.plan, cwd);

    // Models are loaded once per description (hosts often share one); HAR models are learned per target.
    const notices: string[] = [];
    const specs = new Map<string, Promise<ApiModel>>();
    const inputs: HostScanInput[] = [];
    const described: Omit<ScannedHost, 'outcome'>[] = [];
    for (const host of hosts) {
      const source = host.source as string;
      let model: ApiModel;
      let modelSource: string;
      if (host.kind === 'har') {
        model = await learnFromHarFile(source, host.target, cwd);
        const learned = model.extensions['x-rampart-learned'] as
          | { used: number; entries: number }
          | undefined;
        modelSource = `learned from ${displayPath(source, cwd)}`;
        notices.push(
          `rampart: ${host.target}: learned ${model.operations.length} operation${model.operations.length === 1 ? '' : 's'} from ${learned?.used ?? '?'} of ${learned?.entries ?? '?'} entries in ${displayPath(source, cwd)}\n`,
        );
      } else {
        let pending = specs.get(source);
        if (pending === undefined) {
          pending = loadApi(source);
          specs.set(source, pending);
        }
        model = await pending;
        modelSource = displayPath(source, cwd);
      }
      if (model.operations.length === 0) {
        throw new RampartError(
          'RAMPART_ERR_USAGE',
          `the description of ${host.target} (${modelSource}) has no operation to test`,
          {
            hint: 'check that the description has paths, or that the HAR has requests to this target',
          },
        );
      }
      if (plan !== undefined) {
        const prioritized = prioritizeOperations(model, plan);
        model = prioritized.model;
        notices.push(
          `rampart: ${host.target}: the test plan puts ${prioritized.prioritized.length} operation${prioritized.prioritized.length === 1 ? '' : 's'} first` +
            (prioritized.unmatched.length > 0
              ? `; ${prioritized.unmatched.length} of its operations are not in the description (${prioritized.unmatched.slice(0, 3).join(', ')}${prioritized.unmatched.length > 3 ? ', ...' : ''})`
              : '') +
            '\n',
        );
      }
      inputs.push({ target: host.target, model });
      described.push({ title: model.info.title, specVersion: model.versionString, modelSource });
    }

    const scanId = options['scan-id'] ?? `rs-${randomBytes(6).toString('hex')}`;
    if (!/^[\x21-\x7e]{1,100}$/.test(scanId)) {
      throw new RampartError(
        'RAMPART_ERR_USAGE',
        `--scan-id ${JSON.stringify(scanId)} cannot be sent as a header value`,
        {
          hint: 'use visible ASCII characters without spaces, e.g. ci-1234',
        },
      );
    }
    const rate = config.rate;
    const maxRequests = config.budget;
    stderr.write(
      `rampart: scan ${scanId}: ${plural(inputs.length, 'host')}, ${plural(checks.length, 'check')}, ` +
        `${readOnly ? 'read-only' : options.destructive ? 'writes and deletes allowed' : 'writes allowed'}, ` +
        `at most ${rate} requests/s, ${maxRequests} requests and ${formatDuration(maxTimeMs)} per host; ` +
        `every request carries ${SCAN_TAG_HEADER}: ${scanId}\n`,
    );
    for (const notice of notices) stderr.write(notice);
    if (identities?.autoIdentities) {
      stderr.write(
        "rampart: auto-identities: two throwaway users will sign up through each API's own registration, then log in\n",
      );
    }
    if (identities === undefined) {
      stderr.write(
        'rampart: no --identities: anonymous only, so object- and function-level authorization is barely tested\n',
      );
    }

    const startedAt = new Date();
    const progress =
      stderr.isTTY === true
        ? createProgress({ total: inputs.length * checks.length, label: 'scanning', stream: stderr })
        : undefined;
    const live = new Map<number, { done: number; requests: number }>();
    const onProgress = (host: number, event: ScanProgress) => {
      const state = live.get(host) ?? { done: 0, requests: 0 };
      const done =
        event.phase === 'done' ? checks.length : event.phase === 'check' ? (event.index ?? 0) : state.done;
      const delta = done - state.done;
      state.done = done;
      state.requests = event.requests;
      live.set(host, state);
      if (event.phase === 'done') live.delete(host);
      const detail = [...live]
        .map(([i, s]) => `${shortHost(inputs[i]?.target ?? '')} ${s.done}/${checks.length} ${s.requests}req`)
        .join(' | ');
      progress?.tick(delta, detail);
    };
    // On a terminal, messages wait until the bar is gone, so they are not drawn over.
    const later: string[] = [];
    const notify = (text: string) => (progress ? later.push(text) : stderr.write(text));
    const onHostDone = (outcome: HostScanOutcome) => {
      if (!outcome.ok) {
        notify(
          `rampart: ${outcome.target}: not scanned\n${formatError(outcome.error, { debug: context.debug }).text}`,
        );
        return;
      }
      const result = outcome.result;
      if (result.preflight.length > 0) {
        notify(
          `rampart: ${outcome.target}: preflight ok: ${result.preflight.map((p) => `${p.identity} (${p.status})`).join(', ')}\n`,
        );
      }
      for (const warning of result.warnings) notify(`rampart: ${outcome.target}: warning: ${warning}\n`);
      const counts = countBySeverity(outcome);
      notify(
        `rampart: ${outcome.target}: score ${outcome.score.score}/100 (${outcome.score.grade}), ` +
          `${plural(result.findings.length, 'finding')} (${
            Object.entries(counts)
              .filter(([, n]) => n > 0)
              .map(([s, n]) => `${n} ${s}`)
              .join(', ') || 'none'
          }), ${plural(result.requests, 'request')} in ${formatDuration(result.durationMs)}\n`,
      );
    };

    const outcomes = await scanHosts(inputs, {
      concurrency,
      ...(identities ? { identities } : {}),
      options: {
        checks,
        scanId,
        readOnly,
        destructive: options.destructive,
        requestsPerSecond: rate,
        maxRequests,
        maxTimeMs,
        maxTimeMsPerCheck: Math.min(120_000, maxTimeMs),
      },
      onProgress,
      onHostDone,
    });
    progress?.done(
      `scanned ${plural(outcomes.length, 'host')} in ${formatDuration(Date.now() - startedAt.getTime())}`,
    );
    for (const text of later) stderr.write(text);

    const describeError = (error: unknown) =>
      (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] as string;
    const report = buildScanReport(
      outcomes.map((outcome, i) => ({ outcome, ...(described[i] as Omit<ScannedHost, 'outcome'>) })),
      {
        checks,
        toolVersion: readVersion(),
        scanId,
        startedAt,
        finishedAt: new Date(),
        readOnly,
        destructive: options.destructive,
        requestsPerSecond: rate,
        failOn,
        describeError,
      },
    );
    const written: string[] = [];
    for (const target of reportTargets) {
      if (target.file === undefined) {
        const color = target.format === 'text' && shouldUseColor(stdout, context.env);
        stdout.write(renderReport(target.format, report, { color, baseDir: cwd }));
      } else {
        const text = renderReport(target.format, report, { color: false, baseDir: cwd });
        written.push(await writeReport(target.file, text, `${target.format} report`, cwd));
      }
    }

    stderr.write(renderScanSummary(outcomes, describeError));
    for (const outcome of outcomes) {
      if (outcome.ok && outcome.result.scope.refused > 0) {
        stderr.write(
          `rampart: ${outcome.target}: ${plural(outcome.result.scope.refused, 'request')} to other origins refused before sending (${[...outcome.result.scope.refusedOrigins].slice(0, 3).join(', ')})\n`,
        );
      }
    }
    for (const line of written) stderr.write(`rampart: wrote ${line}\n`);

    let worst: number = EXIT_CODES.ok;
    for (const outcome of outcomes) {
      if (!outcome.ok) worst = Math.max(worst, exitCodeForError(outcome.error));
      else if (outcome.result.engineErrors.some((e) => e.code === 'RAMPART_ERR_INTERNAL')) {
        worst = EXIT_CODES.internal;
      }
    }
    const incomplete = outcomes.flatMap((o) => (o.ok ? o.result.engineErrors : []));
    if (incomplete.length > 0) {
      stderr.write(
        `rampart: ${plural(incomplete.length, 'check')} did not finish (budget, network or engine errors; listed in the report)\n`,
      );
    }
    const findings = outcomes.flatMap((o) => (o.ok ? o.result.findings : []));
    const verdict = decideExitCode(findings, failOn);
    if (verdict === EXIT_CODES.findings) {
      const failing = findings.filter((f) => decideExitCode([f], failOn) === EXIT_CODES.findings).length;
      stderr.write(`rampart: failing: ${plural(failing, 'finding')} at or above ${failOn} (--fail-on)\n`);
    }
    if (outcomes.some((o) => !o.ok)) {
      stderr.write(
        `rampart: ${plural(outcomes.filter((o) => !o.ok).length, 'host')} could not be scanned (see above); results are incomplete\n`,
      );
    }
    return Math.max(worst, verdict);
  },
});

function parsePositiveInteger(value: string, source: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `${source} must be a positive integer, got ${JSON.stringify(value)}`,
      {
        hint: `e.g. ${source} 4`,
      },
    );
  }
  return n;
}

function parseTarget(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (
    url === undefined ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search !== '' ||
    url.username !== ''
  ) {
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `--target ${JSON.stringify(value)} must be an http(s) origin with an optional base path`,
      {
        hint: 'e.g. --target http://127.0.0.1:8080 or --target https://api.example.com/v1',
      },
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function resolveSource(source: string, cwd: string): string {
  return /^https?:\/\//i.test(source) ? source : resolve(cwd, source);
}

async function readIdentities(
  file: string,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<IdentitiesConfig> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new RampartError(
      'RAMPART_ERR_CONFIG_IDENTITIES',
      `cannot read the identities file ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
      { cause, hint: 'check the path given to --identities (or scan.identities)' },
    );
  }
  const defined = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const { parseIdentities } = await import('@rampart/scan');
  return parseIdentities(text, displayPath(path, cwd), { env: defined });
}

async function learnFromHarFile(file: string, target: string, cwd: string): Promise<ApiModel> {
  const name = displayPath(file, cwd);
  let har: unknown;
  try {
    har = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    const reason =
      cause instanceof SyntaxError
        ? `it is not JSON (${cause.message})`
        : ((cause as NodeJS.ErrnoException).code ?? String(cause));
    throw new RampartError('RAMPART_ERR_IMPORT_READ', `cannot read the HAR file ${name}: ${reason}`, {
      cause,
      hint: 'export the traffic as HAR 1.2 (browser dev tools: Network → "Save all as HAR")',
    });
  }
  const { learnModelFromHar } = await import('@rampart/scan');
  return learnModelFromHar(har, { target, file: name });
}

async function writeReport(file: string, text: string, what: string, cwd: string): Promise<string> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (cause) {
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `cannot write the ${what} to ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
      { cause, hint: 'check that the directory is writable and the path is not an existing directory' },
    );
  }
  return `${what} to ${displayPath(file, cwd)}`;
}

function listChecks(all: readonly ScanCheck[], running: readonly string[]): string {
  const width = Math.max(...all.map((c) => c.id.length));
  const lines = all.map(
    (c) =>
      `${c.id.padEnd(width)}  ${c.severity.padEnd(8)}  ${c.owasp.padEnd(5)}  ${running.includes(c.id) ? '   ' : 'off'}  ${c.title}`,
  );
  return `${lines.join('\n')}\n${plural(all.length, 'check')}, ${running.length} would run\n`;
}

/** A path relative to `cwd` with `/` when it lies inside it, else as given. */
function displayPath(path: string, cwd: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}

function shortHost(target: string): string {
  try {
    return new URL(target).host;
  } catch {
    return target;
  }
}

function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes}m` : `${minutes}m${seconds}s`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
