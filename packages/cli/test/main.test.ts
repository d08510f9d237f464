import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RampartError } from '@rampart/core';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/command-list.js';
import { decideExitCode, FAIL_ON_VALUES } from '../src/decide-exit-code.js';
import { defineCommand } from '../src/define-command.js';
import { runMain } from './run-main.js';

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const dir = mkdtempSync(join(tmpdir(), 'rampart-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('rampart --help', () => {
  it('teaches: purpose, usage, commands, options, configuration, exit codes, docs', async () => {
    const { code, stdout, stderr } = await runMain(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`rampart ${version} — API security`);
    expect(stdout).toContain('Usage: rampart <command> [arguments] [options]');
    const flat = stdout.replace(/\s+/g, ' ');
    for (const command of COMMANDS) {
      const label = [
        command.name,
        ...command.args.map((a) => {
          const name = a.variadic ? `${a.name}...` : a.name;
          return a.required === false ? `[${name}]` : `<${name}>`;
        }),
      ].join(' ');
      expect(flat).toContain(`${label} ${command.summary}`);
    }
    expect(stdout).toContain('help [command]');
    expect(stdout).toContain('-V, --version');
    expect(flat).toContain('--config <file>, else $RAMPART_CONFIG, else ./rampart.yaml if it exists');
    expect(stdout).toMatch(/^ {2}1 {3}findings at or above --fail-on$/m);
    expect(stdout).toMatch(/^ {2}3 {3}internal failure/m);
    expect(stdout).toContain('docs/configuration.md');
    expect((await runMain(['-h'])).stdout).toBe(stdout);
    expect((await runMain(['help'])).stdout).toBe(stdout);
  });

  it('prints the general help on stderr with exit 2 when no command is given', async () => {
    const { code, stdout, stderr } = await runMain([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^rampart: missing command\n\nrampart /);
  });

  it('shows one command: usage, options with defaults, examples, exit codes, configuration', async () => {
    const viaFlag = await runMain(['config', 'show', '--help']);
    expect(viaFlag.code).toBe(0);
    const text = viaFlag.stdout;
    expect(text).toContain('rampart config show — Print the effective configuration');
    expect(text).toContain('Usage: rampart config show [--format yaml|json]');
    expect(text).toMatch(/--format <yaml\|json> +Output format\. \(default: yaml\)/);
    expect(text).toMatch(/--config <file> +Configuration file/);
    expect(text).toMatch(/--set <key=value> +Override one configuration key/);
    expect(text).toMatch(/-h, --help +Show this help\./);
    expect(text).toContain('Examples:\n  $ rampart config show\n');
    expect(text).toMatch(/Exit codes:\n {2}0 {3}printed\n {2}2 {3}the configuration is invalid/);
    expect(text.replace(/\s+/g, ' ')).toContain(
      'RAMPART_<SECTION>_<KEY> environment variables override the file',
    );
    expect((await runMain(['help', 'config', 'show'])).stdout).toBe(text);
    expect((await runMain(['config', 'show', '-h'])).stdout).toBe(text);
  });

  it('describes a command group', async () => {
    const { code, stdout } = await runMain(['config', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: rampart config <command> [options]');
    expect(stdout).toMatch(/config validate +Check the configuration/);
    expect((await runMain(['help', 'config'])).stdout).toBe(stdout);
  });
});

describe('rampart --version', () => {
  it('prints the package version', async () => {
    expect(await runMain(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await runMain(['-V'])).stdout).toBe(`${version}\n`);
  });
});

describe('usage errors (exit 2)', () => {
  it('suggests the closest command', async () => {
    const { code, stdout, stderr } = await runMain(['confg', 'show']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'rampart: unknown command "confg"; did you mean "config"?\nhint: run "rampart --help" for the list of commands\n',
    );
    expect((await runMain(['config', 'shwo'])).stderr).toContain(
      'unknown command "config shwo"; did you mean "config show"?',
    );
    expect((await runMain(['help', 'confgi'])).stderr).toContain('did you mean "config"?');
    const none = await runMain(['deploy']);
    expect(none.code).toBe(2);
    expect(none.stderr).not.toContain('did you mean');
  });

  it('names an unknown option and suggests one', async () => {
    const { code, stderr } = await runMain(['config', 'show', '--formt', 'json']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'rampart: unknown option "--formt" for "rampart config show"; did you mean "--format"?\n' +
        'hint: run "rampart config show --help" for its options\n',
    );
    const leading = await runMain(['--verison']);
    expect(leading.code).toBe(2);
    expect(leading.stderr).toContain('unknown option "--verison"; did you mean "--version"?');
  });

  it('rejects a value outside the choices, with a suggestion', async () => {
    const { code, stderr } = await runMain(['config', 'show', '--format', 'jsno']);
    expect(code).toBe(2);
    expect(stderr).toContain('option --format does not accept "jsno"; did you mean "json"?');
    expect(stderr).toContain('hint: use one of: yaml, json');
  });

  it('says which value or argument is missing', async () => {
    const missingValue = await runMain(['config', 'show', '--format']);
    expect(missingValue.code).toBe(2);
    expect(missingValue.stderr).toContain('option --format needs a value');
    const swallowed = await runMain(['config', 'validate', '--config', '--debug']);
    expect(swallowed.code).toBe(2);
    expect(swallowed.stderr).toContain('option --config needs a value');
    const missingCommand = await runMain(['config']);
    expect(missingCommand.code).toBe(2);
    expect(missingCommand.stderr).toContain('missing command after "config": one of validate, show, schema');
    const extra = await runMain(['config', 'schema', 'extra']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('unexpected argument "extra" for "rampart config schema"');
  });

  it('names a missing positional argument', async () => {
    const withArg = defineCommand({
      name: 'greet',
      summary: 'Greet someone.',
      usage: '<name>',
      args: [{ name: 'name', description: 'Who to greet.' }],
      examples: [['rampart greet ada', 'Say hello.']],
      run(context) {
        context.stdout.write(`hello ${context.args.name}\n`);
        return 0;
      },
    });
    const missing = await runMain(['greet'], { commands: [withArg] });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'rampart: missing argument <name> for "rampart greet"\nhint: usage: rampart greet <name>\n',
    );
    expect(await runMain(['greet', 'ada'], { commands: [withArg] })).toEqual({
      code: 0,
      stdout: 'hello ada\n',
      stderr: '',
    });
  });
});

describe('exit codes of failing commands', () => {
  const failing = (error: unknown) =>
    defineCommand({
      name: 'fail',
      summary: 'Fail.',
      usage: '',
      examples: [],
      run() {
        throw error;
      },
    });

  it('maps an internal failure to 3 with a correlation id and no stack', async () => {
    const { code, stderr } = await runMain(['fail'], {
      commands: [failing(new TypeError('x is undefined'))],
    });
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /^rampart: internal error \(correlation id [0-9a-f]{8}\): TypeError: x is undefined\n/,
    );
    expect(stderr).toContain('Run with --debug (or RAMPART_DEBUG=1) for the stack');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the stack with --debug or RAMPART_DEBUG=1', async () => {
    const commands = [failing(new TypeError('x is undefined'))];
    for (const run of [
      runMain(['fail', '--debug'], { commands }),
      runMain(['fail'], { commands, env: { RAMPART_DEBUG: '1' } }),
    ]) {
      const { code, stderr } = await run;
      expect(code).toBe(3);
      expect(stderr).toMatch(/TypeError: x is undefined\n\s+at /);
    }
  });

  it('maps input errors to 2 with the location and hint', async () => {
    const error = new RampartError(
      'RAMPART_ERR_OPENAPI_PARSE',
      'api.yaml is not valid YAML: bad indentation',
      {
        location: { file: 'api.yaml', line: 12, column: 5 },
        hint: 'indent the mapping under "paths" consistently',
      },
    );
    const { code, stderr } = await runMain(['fail'], { commands: [failing(error)] });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'rampart: api.yaml is not valid YAML: bad indentation\n  at api.yaml:12:5\n' +
        'hint: indent the mapping under "paths" consistently\n(RAMPART_ERR_OPENAPI_PARSE)\n',
    );
  });

  it('accepts --debug before the command', async () => {
    const { code, stderr } = await runMain(['--debug', 'fail'], { commands: [failing(new Error('boom'))] });
    expect(code).toBe(3);
    expect(stderr).toMatch(/Error: boom\n\s+at /);
  });

  it('passes a command’s own exit code through', async () => {
    const findings = defineCommand({ name: 'find', summary: 'Find.', usage: '', examples: [], run: () => 1 });
    expect((await runMain(['find'], { commands: [findings] })).code).toBe(1);
  });
});

describe('a command with a flag that overrides a configuration key (how audit and scan use it)', () => {
  const gate = defineCommand({
    name: 'gate',
    summary: 'Fail on findings.',
    usage: '[--fail-on <severity>]',
    usesConfig: true,
    options: {
      'fail-on': {
        type: 'string',
        choices: FAIL_ON_VALUES,
        configKey: 'audit.failOn',
        description: 'Exit 1 on findings at or above this severity.',
      },
    },
    examples: [],
    async run(context) {
      const { config } = await context.loadConfig();
      return decideExitCode([{ severity: 'medium' }], config.audit.failOn);
    },
  });
  const commands = [gate];

  it('uses flag > environment > file > default', async () => {
    const file = writeConfig('gate.yaml', 'audit:\n  failOn: low\n');
    expect((await runMain(['gate'], { commands })).code).toBe(0); // default: high
    expect((await runMain(['gate', '--config', file], { commands })).code).toBe(1); // file: low
    const env = { RAMPART_AUDIT_FAIL_ON: 'critical' };
    expect((await runMain(['gate', '--config', file], { commands, env })).code).toBe(0); // env: critical
    expect((await runMain(['gate', '--config', file, '--fail-on', 'medium'], { commands, env })).code).toBe(
      1,
    );
    expect(
      (await runMain(['gate', '--fail-on', 'none'], { commands, env: { RAMPART_AUDIT_FAIL_ON: 'info' } }))
        .code,
    ).toBe(0);
  });

  it('shows the key the flag overrides in help', async () => {
    const { stdout } = await runMain(['gate', '--help'], { commands });
    expect(stdout.replace(/\s+/g, ' ')).toContain(
      '--fail-on <info|low|medium|high|critical|none> Exit 1 on findings at or above this severity. (config: audit.failOn)',
    );
  });
});

describe('rampart config validate', () => {
  it('accepts a valid file', async () => {
    const file = writeConfig('valid.yaml', 'audit:\n  failOn: medium\n');
    const { code, stdout, stderr } = await runMain(['config', 'validate', '--config', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`configuration is valid: ${file}\n`);
  });

  it('lists every problem with its line and a did-you-mean, exit 2', async () => {
    const file = writeConfig(
      'invalid.yaml',
      [
        'audit:',
        '  failon: low',
        'gateway:',
        '  listen:',
        '    port: eighty',
        'store:',
        '  sqlite:',
        '    pth: x.db',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await runMain(['config', 'validate', '--config', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.split('\n');
    expect(lines[0]).toBe(`rampart: invalid configuration in ${file}: 3 problems`);
    expect(lines[1]).toBe(
      `  - audit.failon: unknown key; did you mean "failOn"? (${file}:2:3) — rename it to "failOn"`,
    );
    expect(lines[2]).toMatch(
      new RegExp(
        `^ {2}- gateway\\.listen\\.port: must be a whole number, got "eighty" \\(${file}:5:11\\) — `,
      ),
    );
    expect(lines[3]).toBe(
      `  - store.sqlite.pth: unknown key; did you mean "path"? (${file}:8:5) — rename it to "path"`,
    );
    expect(stderr).toContain('hint: "rampart config schema" prints every key');
    expect(stderr).toContain('(RAMPART_ERR_CONFIG_INVALID)');
  });

  it('reports invalid YAML with line:column', async () => {
    const file = writeConfig('broken.yaml', 'audit:\n  failOn: "high\n');
    const { code, stderr } = await runMain(['config', 'validate', '--config', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`\\(yaml\\): .+ \\(${file}:\\d+:\\d+\\)`));
  });

  it('fails with exit 2 when the named file does not exist', async () => {
    const { code, stderr } = await runMain(['config', 'validate', '--config', 'missing.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('rampart: configuration file missing.yaml does not exist (named by --config)');
    expect(stderr).toContain('(RAMPART_ERR_CONFIG_READ)');
    const viaEnv = await runMain(['config', 'validate'], { cwd: dir, env: { RAMPART_CONFIG: 'gone.yaml' } });
    expect(viaEnv.code).toBe(2);
    expect(viaEnv.stderr).toContain('gone.yaml does not exist (named by RAMPART_CONFIG)');
  });

  it('finds ./rampart.yaml, else $RAMPART_CONFIG, else --config', async () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const none = await runMain(['config', 'validate'], { cwd });
    expect(none.stdout).toBe('configuration is valid: no configuration file (built-in defaults)\n');
    writeFileSync(join(cwd, 'rampart.yaml'), 'audit:\n  failOn: low\n');
    writeFileSync(join(cwd, 'other.yaml'), 'audit:\n  failOn: medium\n');
    writeFileSync(join(cwd, 'third.yaml'), 'audit:\n  failOn: critical\n');
    const show = async (argv: string[], env: Record<string, string> = {}) =>
      JSON.parse((await runMain(['config', 'show', '--format', 'json', ...argv], { cwd, env })).stdout).audit
        .failOn;
    expect(await show([])).toBe('low');
    expect(await show([], { RAMPART_CONFIG: 'other.yaml' })).toBe('medium');
    expect(await show(['--config', 'third.yaml'], { RAMPART_CONFIG: 'other.yaml' })).toBe('critical');
  });
});

describe('rampart config show', () => {
  it('applies flag > environment > file > default, and marks where overrides came from', async () => {
    const file = writeConfig(
      'precedence.yaml',
      'audit:\n  failOn: low\n  formats: [json]\nscan:\n  rate: 5\n',
    );
    const env = { RAMPART_AUDIT_FAIL_ON: 'medium', RAMPART_SCAN_RATE: '7' };
    const json = async (argv: string[], environment: Record<string, string>) => {
      const result = await runMain(['config', 'show', '--format', 'json', '--config', file, ...argv], {
        env: environment,
      });
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout);
    };
    const fileOnly = await json([], {});
    expect([fileOnly.audit.failOn, fileOnly.scan.rate, fileOnly.scan.budget]).toEqual(['low', 5, 10000]);
    const withEnv = await json([], env);
    expect([withEnv.audit.failOn, withEnv.scan.rate, withEnv.audit.formats]).toEqual(['medium', 7, ['json']]);
    const withFlag = await json(['--set', 'audit.failOn=critical'], env);
    expect([withFlag.audit.failOn, withFlag.scan.rate]).toEqual(['critical', 7]);

    const yaml = await runMain(['config', 'show', '--config', file, '--set', 'audit.failOn=critical'], {
      env,
    });
    expect(yaml.stdout).toContain('failOn: critical # from --set audit.failOn');
    expect(yaml.stdout).toContain('rate: 7 # from RAMPART_SCAN_RATE');
    expect(yaml.stdout).toMatch(/^# effective configuration: /);
  });

  it('redacts secrets from the file and the environment', async () => {
    const file = writeConfig(
      'secret.yaml',
      'store:\n  driver: postgres\n  postgres:\n    url: postgres://rampart:file-hunter2@db/rampart\n',
    );
    const env = { RAMPART_CONSOLE_SESSION_SECRET: 'env-hunter2-0123456789abcdefghijklmnop' };
    for (const format of ['yaml', 'json']) {
      const { code, stdout } = await runMain(['config', 'show', '--config', file, '--format', format], {
        env,
      });
      expect(code).toBe(0);
      expect(stdout).not.toContain('hunter2');
      expect(stdout.match(/\[redacted\]/g)).toHaveLength(2);
    }
    const yaml = await runMain(['config', 'show', '--config', file], { env });
    expect(yaml.stdout).toContain('url: "[redacted]"');
  });

  it('never echoes a secret given with --set, even when it is invalid', async () => {
    const { code, stderr } = await runMain([
      'config',
      'show',
      '--set',
      'store.postgres.url=mysql://u:hunter2@h/db',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'store.postgres.url: must be a postgres:// or postgresql:// connection URL, got [redacted] (set by --set store.postgres.url)',
    );
    expect(stderr).not.toContain('hunter2');
  });

  it('rejects --set without = and unknown keys', async () => {
    const noEquals = await runMain(['config', 'show', '--set', 'audit.failOn']);
    expect(noEquals.code).toBe(2);
    expect(noEquals.stderr).toContain('--set "audit.failOn" is not key=value');
    const unknown = await runMain(['config', 'show', '--set', 'audit.failon=low']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean "audit.failOn"?');
  });

  it('warns about unknown RAMPART_ variables on stderr and still succeeds', async () => {
    const { code, stderr } = await runMain(['config', 'show'], { env: { RAMPART_AUDIT_FAILON: 'low' } });
    expect(code).toBe(0);
    expect(stderr).toBe(
      'rampart: warning: environment variable RAMPART_AUDIT_FAILON is not a Rampart setting and is ignored; did you mean RAMPART_AUDIT_FAIL_ON?\n',
    );
  });
});

describe('rampart config schema', () => {
  it('prints the JSON Schema', async () => {
    const { code, stdout } = await runMain(['config', 'schema']);
    expect(code).toBe(0);
    const schema = JSON.parse(stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual([
      '$schema',
      'audit',
      'scan',
      'gateway',
      'monitor',
      'store',
      'console',
    ]);
  });
});
