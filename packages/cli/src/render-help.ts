import type { ArgumentDefinition, Command, OptionDefinition } from './define-command.js';
import { CONFIG_OPTIONS, GLOBAL_OPTIONS } from './global-options.js';
import { optionsOf } from './parse-command-line.js';

const WIDTH = 100;
const DOCS = 'docs/configuration.md';

const DEFAULT_EXIT_CODES: Readonly<Record<0 | 1 | 2 | 3, string>> = {
  0: 'success',
  1: 'findings at or above --fail-on',
  2: 'usage or input error: bad arguments, invalid configuration, unreadable or invalid API description',
  3: 'internal failure (a bug): the message carries a correlation id to report; --debug prints the stack',
};

const CONFIG_LOOKUP =
  'Read from --config <file>, else $RAMPART_CONFIG, else ./rampart.yaml if it exists, else built-in defaults. ' +
  'RAMPART_<SECTION>_<KEY> environment variables override the file (e.g. RAMPART_AUDIT_FAIL_ON=critical), and ' +
  'flags (--set key=value) override both. "rampart config show" prints the result, "rampart config schema" ' +
  `the schema; ${DOCS} explains every key.`;

/** Wraps `text` to `WIDTH` columns; lines after the first are indented by `indent` spaces. */
function wrap(text: string, indent: number, firstLineUsed = indent): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let room = WIDTH - firstLineUsed;
  for (const word of words) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = WIDTH - indent;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** Two-column rows: the left column padded to the widest entry, the right wrapped under itself. */
function table(rows: readonly (readonly [string, string])[], indent = 2): string[] {
  const width = Math.min(Math.max(...rows.map(([left]) => left.length)), 32);
  return rows.map(([left, right]) => {
    const pad =
      left.length > width ? `\n${' '.repeat(indent + width + 3)}` : ' '.repeat(width - left.length + 3);
    return `${' '.repeat(indent)}${left}${pad}${wrap(right, indent + width + 3)}`;
  });
}

function optionLabel(name: string, option: OptionDefinition): string {
  const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}`;
  if (option.type === 'boolean') return flag;
  return `${flag} <${option.valueName ?? option.choices?.join('|') ?? 'value'}>`;
}

function optionText(option: OptionDefinition): string {
  const extra: string[] = [];
  if (option.default !== undefined) extra.push(`default: ${option.default}`);
  if (option.configKey) extra.push(`config: ${option.configKey}`);
  return extra.length ? `${option.description} (${extra.join('; ')})` : option.description;
}

function argumentLabel(a: ArgumentDefinition): string {
  const name = a.variadic ? `${a.name}...` : a.name;
  return a.required === false ? `[${name}]` : `<${name}>`;
}

function commandLabel(command: Command): string {
  const args = command.args.map((a) => argumentLabel(a));
  return [command.name, ...args].join(' ');
}

function exitCodeLines(codes: Readonly<Partial<Record<0 | 1 | 2 | 3, string>>>, all: boolean): string[] {
  const rows: [string, string][] = [];
  for (const code of [0, 1, 2, 3] as const) {
    const text = codes[code] ?? (code === 1 && !all ? undefined : DEFAULT_EXIT_CODES[code]);
    if (text) rows.push([String(code), text]);
  }
  return table(rows);
}

/** `rampart --help`: what Rampart is, every command, global options, configuration lookup, exit codes, docs. */
export function renderGeneralHelp(commands: readonly Command[], version: string): string {
  const rows: [string, string][] = commands.map((c) => [commandLabel(c), c.summary]);
  rows.push(['help [command]', 'Show help for rampart or for one command.']);
  return [
    `rampart ${version} — API security: protect (gateway), monitor (detectors), assess (audit, scan).`,
    '',
    'Usage: rampart <command> [arguments] [options]',
    '',
    'Commands:',
    ...table(rows),
    '',
    'Options:',
    ...table([
      [
        optionLabel('help', GLOBAL_OPTIONS.help),
        'Show this help; "rampart <command> --help" shows a command\'s.',
      ],
      ['-V, --version', 'Print the version.'],
      [optionLabel('debug', GLOBAL_OPTIONS.debug), GLOBAL_OPTIONS.debug.description],
    ]),
    '',
    'Configuration:',
    `  ${wrap(CONFIG_LOOKUP, 2)}`,
    '',
    'Exit codes:',
    ...exitCodeLines({}, true),
    '',
    wrap(
      `Docs: "rampart help <command>" for one command's options and examples; ${DOCS} for configuration.`,
      6,
    ),
    '',
  ].join('\n');
}

/** `rampart config --help`: the commands of a group. */
export function renderGroupHelp(group: string, summary: string, commands: readonly Command[]): string {
  const members = commands.filter((c) => c.name.startsWith(`${group} `));
  return [
    `rampart ${group} — ${summary}`,
    '',
    `Usage: rampart ${group} <command> [options]`,
    '',
    'Commands:',
    ...table(members.map((c) => [commandLabel(c), c.summary])),
    '',
    `Run "rampart ${group} <command> --help" for a command's options and examples.`,
    '',
  ].join('\n');
}

/** `rampart <command> --help`: purpose, usage, arguments, options with defaults, examples, exit codes, config. */
export function renderCommandHelp(command: Command): string {
  const lines = [
    `rampart ${command.name} — ${command.summary}`,
    '',
    `Usage: rampart ${command.name} ${command.usage}`,
  ];
  if (command.description) lines.push('', wrap(command.description, 0));
  if (command.args.length) {
    lines.push('', 'Arguments:');
    lines.push(
      ...table(
        command.args.map((a) => [
          argumentLabel(a),
          a.required === false ? `${a.description} (optional)` : a.description,
        ]),
      ),
    );
  }
  const own = Object.entries(command.options);
  const shared = Object.entries({ ...(command.usesConfig ? CONFIG_OPTIONS : {}), ...GLOBAL_OPTIONS });
  const all = optionsOf(command);
  lines.push('', 'Options:');
  lines.push(
    ...table([...own, ...shared].map(([name]) => [optionLabel(name, all[name]!), optionText(all[name]!)])),
  );
  lines.push('', 'Examples:');
  for (const [commandLine, comment] of command.examples)
    lines.push(`  $ ${commandLine}`, `      ${wrap(comment, 6)}`);
  lines.push('', 'Exit codes:', ...exitCodeLines(command.exitCodes, false));
  if (command.usesConfig) lines.push('', 'Configuration:', `  ${wrap(CONFIG_LOOKUP, 2)}`);
  else
    lines.push(
      '',
      wrap(`Docs: "rampart --help" for global options and exit codes; ${DOCS} for configuration.`, 6),
    );
  lines.push('');
  return lines.join('\n');
}
