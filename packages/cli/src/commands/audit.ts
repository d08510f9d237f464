import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  applyBaseline,
  type AuditCheck,
  type AuditOptions,
  auditModel,
  BUILT_IN_RULES,
  createBaseline,
  deriveTestPlan,
  type RuleMeta,
  scoreAudit,
  selectRules,
} from '@rampart/audit';
import { formatLocation, isAtLeast, isRampartError, RampartError, SEVERITIES } from '@rampart/core';
import { loadApi, type Operation } from '@rampart/openapi';
import { renderReport, shouldUseColor } from '@rampart/reporters';
import { auditGatewayConfigFile } from '../audit-gateway-config-file.js';
import {
  type AuditedDocument,
  buildAuditReport,
  type DocumentCheck,
  type UnauditedDocument,
} from '../build-audit-report.js';
import { createProgress } from '../create-progress.js';
import { decideExitCode } from '../decide-exit-code.js';
import { defineCommand } from '../define-command.js';
import { expandDocumentGlobs } from '../expand-document-globs.js';
import { EXIT_CODES, exitCodeForError } from '../exit-codes.js';
import { formatError } from '../format-error.js';
import { listAuditChecks } from '../list-audit-checks.js';
import { parseReportFormats } from '../parse-report-formats.js';
import { readAuditBaseline } from '../read-audit-baseline.js';
import { readVersion } from '../read-version.js';
import { resolveReportTargets } from '../resolve-report-targets.js';
import { splitRuleSelection } from '../split-rule-selection.js';

/** `rampart audit <openapi...>`: the static security audit, for people and for CI. */
export const auditCommand = defineCommand({
  name: 'audit',
  summary: 'Audit OpenAPI descriptions for security flaws (OWASP API Top 10 2023) and score them.',
  description:
    'Loads each description (OpenAPI 3.0, 3.1 or Swagger 2.0; YAML or JSON; quoted globs such as ' +
    "'specs/**/*.yaml' are expanded by Rampart), runs the audit rules and reports findings with file:line, " +
    'the operation concerned, the risk and the fix, plus a 0-100 score per document. ' +
    'The exit code gates CI: 1 when a new finding is at or above --fail-on (default high) or a document ' +
    'scores below --min-score. Findings accepted in a --baseline file, and findings suppressed in the ' +
    'description with "x-rampart-ignore: [{ rule: <id>, reason: <why> }]", are counted but never fail the ' +
    'build. A document that cannot be loaded is reported on standard error with file:line and a hint, the ' +
    'others are still audited, and the run exits 2 at the end. Several formats at once need --output ' +
    '<directory>: one file per format (rampart-audit.sarif, rampart-audit.junit.xml, ...). ' +
    'docs/audit-cli.md explains every option.',
  usage: '<openapi...> [--format <formats>] [--output <path>] [--fail-on <severity>] [options]',
  args: [
    {
      name: 'openapi',
      description:
        'API descriptions to audit, required unless --list-rules: files, http(s) URLs or quoted globs ' +
        '(*, **, ?, {a,b}). A glob that matches nothing is an error; files it matches that are not ' +
        'OpenAPI are skipped with a notice.',
      required: false,
      variadic: true,
    },
  ],
  options: {
    format: {
      type: 'string',
      multiple: true,
      valueName: 'text|json|sarif|junit|html',
      description:
        'Report format. Repeat it or separate formats with commas for several (they need --output). ' +
        'Default: audit.formats from the configuration, else text.',
    },
    output: {
      type: 'string',
      valueName: 'path',
      configKey: 'audit.output',
      description:
        'Write the report to this file instead of standard output. A path without extension, ending in ' +
        '"/" or naming a directory is a directory: one rampart-audit.<ext> file per format (needed for ' +
        'several formats).',
    },
    'fail-on': {
      type: 'string',
      valueName: 'severity|none',
      configKey: 'audit.failOn',
      description:
        'Exit 1 when a new finding is at or above this severity (info, low, medium, high, critical); ' +
        'none never fails because of findings. Default high.',
    },
    'min-score': {
      type: 'string',
      valueName: 'N',
      configKey: 'audit.minScore',
      description: 'Exit 1 when a document scores below N (0-100); the reason is printed.',
    },
    baseline: {
      type: 'string',
      valueName: 'file',
      configKey: 'audit.baseline',
      description:
        'A baseline file of accepted findings: they are reported as accepted, and only new findings count ' +
        'for --fail-on and the score.',
    },
    'write-baseline': {
      type: 'string',
      valueName: 'file',
      description:
        'Write every finding of this run (new and accepted, not suppressed) to this baseline file. Does not ' +
        'change the exit code: add --fail-on none when adopting a baseline.',
    },
    plan: {
      type: 'string',
      valueName: 'file',
      description:
        'Write the test plan for the active scanner (docs/test-plan.md) to this file; with several ' +
        'documents, a directory with one <document>.plan.json each.',
    },
    enable: {
      type: 'string',
      valueName: 'id,...',
      configKey: 'audit.rules.enable',
      description: 'Run only these rules (comma-separated ids; replaces audit.rules.enable).',
    },
    disable: {
      type: 'string',
      valueName: 'id,...',
      configKey: 'audit.rules.disable',
      description: 'Do not run these rules (comma-separated ids; replaces audit.rules.disable).',
    },
    'gateway-config': {
      type: 'string',
      valueName: 'file',
      description:
        'Also audit the gateway section of this rampart.yaml (as written, without RAMPART_* variables): insecure ' +
        'settings are findings at their line (rule ids gateway-*; docs/gateway.md lists them). With no ' +
        '<openapi> argument, only the configuration is audited.',
    },
    'list-rules': {
      type: 'boolean',
      description: 'Print every rule (id, severity, OWASP category, title) and whether it would run; exit.',
    },
  },
  usesConfig: true,
  examples: [
    ['rampart audit openapi.yaml', 'Audit one description; findings and score on the terminal.'],
    [
      "rampart audit 'specs/**/*.yaml' gateway/openapi.json --fail-on critical",
      'Audit every YAML description under specs/ and one JSON file; fail only on critical findings.',
    ],
    [
      'rampart audit openapi.yaml --format sarif --output rampart.sarif --fail-on none',
      'GitHub code scanning: then upload rampart.sarif with github/codeql-action/upload-sarif ' +
        '(sarif_file: rampart.sarif) in a step with "if: always()"; annotations land on the lines of openapi.yaml.',
    ],
    [
      'rampart audit openapi.yaml --format junit,text --output reports/',
      'GitLab CI: declare artifacts:reports:junit: reports/rampart-audit.junit.xml; the text report is there too.',
    ],
    [
      'rampart audit openapi.yaml --write-baseline rampart-baseline.json --fail-on none',
      'Adopt Rampart on an existing API: accept the current findings once (commit the file)...',
    ],
    [
      'rampart audit openapi.yaml --baseline rampart-baseline.json',
      '...then in CI only new findings fail the build; accepted ones are counted in the summary.',
    ],
    [
      'rampart audit openapi.yaml --min-score 80 --plan plan.json',
      'Fail below a score of 80; write the operations the scanner should attack first.',
    ],
    [
      'rampart audit openapi.yaml --disable string-without-max-length --set audit.failOn=medium',
      'Skip a rule and tighten the threshold for this run (rampart.yaml holds the defaults).',
    ],
  ],
  exitCodes: {
    0: 'no new finding at or above --fail-on, every score at or above --min-score',
    1: 'a new finding at or above --fail-on, or a document scoring below --min-score',
    2: 'usage or input error: bad option, unknown rule id, glob matching nothing, malformed baseline, or a description that cannot be loaded (the others are still audited and reported; 2 wins over 1 because the results are incomplete)',
    3: 'internal failure, including a rule that threw (reported as an engine error, the other rules still ran; 3 wins over 2 and 1)',
  },
  async run(context) {
    const { stdout, stderr, cwd } = context;
    const loaded = await context.loadConfig();
    const audit = loaded.config.audit;
    // Where a setting came from, for messages: the flag or variable that set it, else its configuration key.
    const originOf = (key: string) => loaded.overridden.get(key) ?? key;
    // `gateway-…` rule ids select gateway-config rules (--gateway-config), the others OpenAPI rules.
    const { openapi: selection, gateway: gatewaySelection } = splitRuleSelection(audit.rules);
    const gatewayConfig = context.options['gateway-config'];

    if (context.options['list-rules']) {
      stdout.write(listRules(selection));
      return EXIT_CODES.ok;
    }
    const patterns = context.args.openapi;
    if (patterns.length === 0 && gatewayConfig === undefined) {
      throw new RampartError('RAMPART_ERR_USAGE', 'missing argument <openapi...> for "rampart audit"', {
        hint: 'name one or more description files or quoted globs, e.g. rampart audit openapi.yaml, or a gateway configuration with --gateway-config rampart.yaml',
      });
    }

    // Everything the command line and configuration can get wrong is checked before any document is read.
    const formats =
      context.options.format.length > 0
        ? parseReportFormats(context.options.format)
        : parseReportFormats(audit.formats, 'audit.formats');
    const targets = resolveReportTargets(formats, audit.output, cwd, originOf('audit.output'));
    const rules = selectRules(BUILT_IN_RULES, selection);
    if (rules.length === 0) {
      throw new RampartError('RAMPART_ERR_USAGE', 'no audit rule is left to run', {
        hint: 'audit.rules.enable / --enable and audit.rules.disable / --disable exclude every rule',
      });
    }
    const baselineFile = audit.baseline;
    const baseline =
      baselineFile === undefined
        ? undefined
        : await readAuditBaseline(baselineFile, cwd, originOf('audit.baseline'));
    const sources = patterns.length > 0 ? await expandDocumentGlobs(patterns, cwd) : [];

    // JUnit lists a passing case per rule and operation checked; the other formats list findings only.
    const listsChecks = targets.some((t) => t.format === 'junit');
    const startedAt = new Date();
    const documents: AuditedDocument[] = [];
    const unaudited: UnauditedDocument[] = [];
    const plans: { name: string; text: string }[] = [];
    let worstError: number = EXIT_CODES.ok;
    const progress =
      sources.length > 1 && stderr.isTTY === true
        ? createProgress({ total: sources.length, label: 'auditing', stream: stderr, plain: 'silent' })
        : undefined;
    // Messages wait until the bar is gone, so they are not drawn over.
    const notices: string[] = [];
    const notify = (text: string) => (progress ? notices.push(text) : stderr.write(text));

    for (const source of sources) {
      const name = documentName(source.path, cwd);
      progress?.tick(0, displayPath(source.path, cwd));
      let model: Awaited<ReturnType<typeof loadApi>>;
      try {
        model = await loadApi(name);
      } catch (error) {
        progress?.tick(1, displayPath(source.path, cwd));
        if (
          source.pattern !== undefined &&
          isRampartError(error) &&
          error.code === 'RAMPART_ERR_OPENAPI_NOT_OPENAPI'
        ) {
          notify(`rampart: skipped ${name}: not an OpenAPI description (matched by "${source.pattern}")\n`);
          continue;
        }
        const { text, exitCode } = formatError(error, { debug: context.debug });
        notify(text);
        worstError = Math.max(worstError, exitCode);
        unaudited.push({ name, message: describeLoadError(error) });
        continue;
      }
      let result: ReturnType<typeof auditModel>;
      try {
        result = auditModel(model, { ...selection, rules: BUILT_IN_RULES });
      } catch (error) {
        // Rules that throw are caught by the engine; this is a failure of the engine itself.
        progress?.tick(1, displayPath(source.path, cwd));
        notify(formatError(error, { debug: context.debug }).text);
        worstError = Math.max(worstError, exitCodeForError(error));
        unaudited.push({ name, message: `the audit failed: ${describeLoadError(error)}` });
        continue;
      }
      for (const warning of result.warnings) {
        const where = warning.location === undefined ? name : formatLocation(warning.location);
        notify(`rampart: warning: ${where}: ${warning.message}\n`);
      }
      for (const e of result.engineErrors) {
        notify(
          `rampart: engine error: ${e.message}\nhint: the other rules ran; report this bug, and skip the rule with --disable ${e.ruleId} meanwhile\n`,
        );
        worstError = EXIT_CODES.internal;
      }
      const split = baseline === undefined ? undefined : applyBaseline(result.findings, baseline);
      if (context.options.plan !== undefined) {
        const text = `${JSON.stringify(deriveTestPlan(model, result.findings), null, 2)}\n`;
        plans.push({ name: displayPath(source.path, cwd), text });
      }
      documents.push({
        name: model.file,
        title: model.info.title,
        specVersion: model.versionString,
        operations: model.operations.length,
        findings: split?.new ?? result.findings,
        accepted: split?.accepted ?? [],
        suppressed: result.suppressed,
        engineErrors: result.engineErrors,
        // Accepted findings are accepted risk: the score judges what is new (see scoreAudit).
        score: split === undefined ? result.score : scoreAudit(split.new, model),
        ...(listsChecks ? { checks: toDocumentChecks(result.checked) } : {}),
      });
      progress?.tick(1, displayPath(source.path, cwd));
    }
    progress?.done(
      `audited ${plural(documents.length, 'document')} in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)}s`,
    );
    for (const notice of notices) stderr.write(notice);
    const gatewayRules: RuleMeta[] = [];
    if (gatewayConfig !== undefined) {
      const audited = await auditGatewayConfigFile(gatewayConfig, { cwd, selection: gatewaySelection });
      for (const problem of [audited.invalid, audited.specError]) {
        if (problem === undefined) continue;
        const { text, exitCode } = formatError(problem, { debug: context.debug });
        stderr.write(text);
        worstError = Math.max(worstError, exitCode);
      }
      const split = baseline === undefined ? undefined : applyBaseline(audited.document.findings, baseline);
      // Gateway-config rules judge the configuration as a whole: one check each, unless it threw.
      const threw = new Set(audited.document.engineErrors.map((e) => e.ruleId));
      documents.push({
        ...audited.document,
        findings: split?.new ?? audited.document.findings,
        accepted: split?.accepted ?? [],
        ...(listsChecks
          ? { checks: audited.rulesRun.filter((r) => !threw.has(r.id)).map((r) => ({ ruleId: r.id })) }
          : {}),
      });
      gatewayRules.push(...audited.rulesRun);
    }
    if (documents.length === 0 && unaudited.length === 0) {
      throw new RampartError('RAMPART_ERR_USAGE', 'no OpenAPI description to audit among the files given', {
        hint: 'every file matched was skipped as not OpenAPI; name the descriptions themselves',
      });
    }

    const written: string[] = [];
    if (context.options.plan !== undefined) {
      const planPath = resolve(cwd, context.options.plan);
      if (sources.length === 1) {
        for (const plan of plans) written.push(await writeOutput(planPath, plan.text, 'test plan', cwd));
      } else {
        const used = new Set<string>();
        for (const plan of plans) {
          const file = join(planPath, uniquePlanFileName(plan.name, used));
          written.push(await writeOutput(file, plan.text, 'test plan', cwd));
        }
      }
    }

    const allFindings = documents.flatMap((d) => [...d.findings, ...d.accepted]);
    let stale = 0;
    if (baseline !== undefined) {
      const seen = new Set(documents.flatMap((d) => d.accepted.map((f) => f.fingerprint)));
      stale = baseline.findings.filter((e) => !seen.has(e.fingerprint)).length;
    }
    const writeBaseline = context.options['write-baseline'];
    if (writeBaseline !== undefined && unaudited.length > 0) {
      // A baseline without the findings of the documents that failed would turn them into new findings later.
      stderr.write(
        `rampart: baseline not written to ${writeBaseline}: ${plural(unaudited.length, 'description')} could not be audited; fix ${unaudited.length === 1 ? 'it' : 'them'} and run again\n`,
      );
    } else if (writeBaseline !== undefined) {
      const text = `${JSON.stringify(createBaseline(allFindings), null, 2)}\n`;
      written.push(await writeOutput(resolve(cwd, writeBaseline), text, 'baseline', cwd));
    }

    const report = buildAuditReport(documents, {
      rules: [...rules, ...gatewayRules],
      severityOverrides: audit.rules.severity,
      toolVersion: readVersion(),
      startedAt,
      finishedAt: new Date(),
      unaudited,
      ...(baselineFile === undefined ? {} : { baseline: { file: baselineFile, stale } }),
      failOn: audit.failOn,
      ...(audit.minScore === undefined ? {} : { minScore: audit.minScore }),
    });
    let textOnStdout = false;
    const junitReport = listsChecks ? { ...report, checked: listAuditChecks(documents) } : report;
    for (const target of targets) {
      const input = target.format === 'junit' ? junitReport : report;
      if (target.file === undefined) {
        const color = target.format === 'text' && shouldUseColor(stdout, context.env);
        stdout.write(renderReport(target.format, input, { color, baseDir: cwd }));
        textOnStdout = target.format === 'text';
      } else {
        const text = renderReport(target.format, input, { color: false, baseDir: cwd });
        written.push(await writeOutput(target.file, text, `${target.format} report`, cwd));
      }
    }

    const footer = describeAcceptedRisk(documents, baselineFile, stale);
    if (textOnStdout) {
      if (footer.length > 0) stdout.write(`${footer.join('\n')}\n`);
    } else {
      stderr.write(`rampart: ${describeTotals(documents)}\n`);
      for (const line of footer) stderr.write(`rampart: ${line}\n`);
    }
    for (const line of written) stderr.write(`rampart: wrote ${line}\n`);

    const newFindings = documents.flatMap((d) => d.findings);
    let verdict: number = decideExitCode(newFindings, audit.failOn);
    if (verdict === EXIT_CODES.findings) {
      const failing = newFindings.filter(
        (f) => audit.failOn !== 'none' && isAtLeast(f.severity, audit.failOn),
      ).length;
      stderr.write(
        `rampart: failing: ${plural(failing, baseline === undefined ? 'finding' : 'new finding')} at or above ${audit.failOn} (${originOf('audit.failOn')})\n`,
      );
    }
    if (audit.minScore !== undefined) {
      const minScore = audit.minScore;
      const below = documents.filter((d) => d.score.score < minScore);
      if (below.length > 0) verdict = EXIT_CODES.findings;
      for (const d of below.slice(0, MAX_EXPLAINED_SCORES)) {
        const caps = d.score.caps.map((c) => `capped at ${c.max}: ${c.reason}`);
        const lost = topDeductions(d);
        stderr.write(
          `rampart: failing: ${d.name} scores ${d.score.score}/100 (${d.score.grade}), below the minimum ${minScore} (${originOf('audit.minScore')})${[...caps, ...lost].map((t) => `; ${t}`).join('')}\n`,
        );
      }
      if (below.length > MAX_EXPLAINED_SCORES) {
        stderr.write(
          `rampart: failing: ${plural(below.length - MAX_EXPLAINED_SCORES, 'more document')} below the minimum ${minScore} (scores in the report)\n`,
        );
      }
    }
    if (unaudited.length > 0) {
      stderr.write(
        `rampart: ${plural(unaudited.length, 'description')} could not be loaded (see above); results are incomplete\n`,
      );
    }
    return Math.max(worstError, verdict);
  },
});

/**
 * The engine's checks with operations named as the reporters name them (`GET /users/{id}`); the operations of
 * one document are named once and shared by its operation-scoped rules.
 */
function toDocumentChecks(checked: readonly AuditCheck[]): DocumentCheck[] {
  const labels = new Map<readonly Operation[], string[]>();
  return checked.map((c) => {
    if (c.operations === undefined) return { ruleId: c.ruleId };
    let operations = labels.get(c.operations);
    if (operations === undefined) {
      operations = c.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
      labels.set(c.operations, operations);
    }
    return { ruleId: c.ruleId, operations };
  });
}

/** Above this many documents, the summary on standard error gives the score range instead of every score. */
const MAX_LISTED_SCORES = 3;
/** At most this many documents below `--min-score` are explained one by one. */
const MAX_EXPLAINED_SCORES = 10;

/**
 * The name a document is loaded (and so reported and fingerprinted) under: its path relative to the working
 * directory, with `/`, when it lies inside it, so that baselines made on one machine match on another.
 * The loader resolves relative names against the process's directory, so when `main` was given another one
 * (tests), the absolute path is used.
 */
function documentName(path: string, cwd: string): string {
  if (/^https?:\/\//i.test(path) || resolve(cwd) !== process.cwd()) return path;
  return displayPath(path, cwd);
}

/** A path relative to `cwd` with `/` when it lies inside it, else as given (for file names and messages). */
function displayPath(path: string, cwd: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}

function describeLoadError(error: unknown): string {
  if (!isRampartError(error)) return error instanceof Error ? error.message : String(error);
  const message = error.message.split('\n', 1)[0] as string;
  if (error.location?.line === undefined) return message;
  const where = formatLocation(error.location);
  return message.includes(where) ? message : `${message} (${where})`;
}

/** `specs/a/openapi.yaml` → `specs-a-openapi.plan.json`, unique among `used`. */
function uniquePlanFileName(name: string, used: Set<string>): string {
  const stem =
    name
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/\.(ya?ml|json)$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '') || 'openapi';
  let file = `${stem}.plan.json`;
  for (let n = 2; used.has(file); n++) file = `${stem}-${n}.plan.json`;
  used.add(file);
  return file;
}

async function writeOutput(file: string, text: string, what: string, cwd: string): Promise<string> {
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

/** Lines about accepted risk: findings accepted by the baseline, suppressed ones, stale baseline entries. */
function describeAcceptedRisk(
  documents: readonly AuditedDocument[],
  baselineFile: string | undefined,
  stale: number,
): string[] {
  const lines: string[] = [];
  const accepted = documents.reduce((n, d) => n + d.accepted.length, 0);
  const suppressed = documents.reduce((n, d) => n + d.suppressed.length, 0);
  if (baselineFile !== undefined) {
    lines.push(
      `${plural(accepted, 'finding')} accepted by baseline ${baselineFile} (not failing the build)` +
        (stale > 0
          ? `; ${plural(stale, 'baseline entry', 'baseline entries')} no longer found (fixed? refresh with --write-baseline)`
          : ''),
    );
  }
  if (suppressed > 0) lines.push(`${suppressed} suppressed by x-rampart-ignore (listed in the JSON report)`);
  return lines;
}

function describeTotals(documents: readonly AuditedDocument[]): string {
  const findings = documents.flatMap((d) => d.findings);
  const counts = [...SEVERITIES]
    .reverse()
    .map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`)
    .join(', ');
  const shown = (d: AuditedDocument) => `${d.name} ${d.score.score}/100 (${d.score.grade})`;
  let scores: string;
  if (documents.length <= MAX_LISTED_SCORES) {
    scores = documents.length === 0 ? '' : `; score ${documents.map(shown).join(', ')}`;
  } else {
    // A corpus run must not print one line per document: the extremes, the median, the lowest few.
    const sorted = [...documents].sort((a, b) => a.score.score - b.score.score);
    const median = (sorted[Math.floor(sorted.length / 2)] as AuditedDocument).score.score;
    const lowest = sorted.slice(0, MAX_LISTED_SCORES).map(shown).join(', ');
    scores = `; scores ${sorted[0]?.score.score}-${sorted.at(-1)?.score.score}, median ${median}; lowest: ${lowest}`;
  }
  return `audited ${plural(documents.length, 'document')}: ${plural(findings.length, 'finding')} (${counts})${scores}`;
}

function topDeductions(d: AuditedDocument): string[] {
  const all = Object.values(d.score.categories).flatMap((c) => c.deductions);
  all.sort((a, b) => b.points - a.points);
  const top = all.slice(0, 3).map((x) => `${x.ruleId} −${x.points}`);
  return top.length === 0 ? [] : [`most points lost to ${top.join(', ')}`];
}

function listRules(selection: AuditOptions): string {
  const running = new Set(selectRules(BUILT_IN_RULES, selection).map((r) => r.id));
  const overrides = selection.severityOverrides ?? {};
  const width = Math.max(...BUILT_IN_RULES.map((r) => r.id.length));
  const lines = BUILT_IN_RULES.map((r) => {
    const severity = overrides[r.id] ?? r.severity;
    return `${r.id.padEnd(width)}  ${severity.padEnd(8)}  ${r.owasp.padEnd(5)}  ${running.has(r.id) ? '   ' : 'off'}  ${r.title}`;
  });
  return `${lines.join('\n')}\n${plural(BUILT_IN_RULES.length, 'rule')}, ${running.size} would run\n`;
}

function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
