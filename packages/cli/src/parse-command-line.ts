import { parseArgs } from 'node:util';
import { RampartError } from '@rampart/core';
import type { Command, OptionDefinition } from './define-command.js';
import { CONFIG_OPTIONS, GLOBAL_OPTIONS } from './global-options.js';
import { suggestClosest } from './suggest-closest.js';

/** What the command line asks for. */
export type ParsedCommandLine =
  | { readonly kind: 'general-help'; readonly missingCommand: boolean }
  | { readonly kind: 'version' }
  | { readonly kind: 'group-help'; readonly group: string }
  | { readonly kind: 'command-help'; readonly command: Command }
  | {
      readonly kind: 'run';
      readonly command: Command;
      readonly args: Readonly<Record<string, string | readonly string[] | undefined>>;
      readonly options: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
      /** Long names of the options actually given (not defaulted). */
      readonly given: ReadonlySet<string>;
    };

/** Options accepted before the command word. */
const LEADING = {
  '--help': 'help',
  '-h': 'help',
  '--version': 'version',
  '-V': 'version',
  '--debug': 'debug',
} as const;

function usage(message: string, hint: string): RampartError {
  return new RampartError('RAMPART_ERR_USAGE', message, { hint });
}

/** Every option a command accepts, including the global ones. */
export function optionsOf(command: Command): Readonly<Record<string, OptionDefinition>> {
  return { ...command.options, ...(command.usesConfig ? CONFIG_OPTIONS : {}), ...GLOBAL_OPTIONS };
}

/**
 * Resolves `argv` (without `node` and the script) against the registered commands: `rampart [--help|--version]`,
 * `rampart help [command]`, `rampart <command> [args] [options]`, where a command may be two words
 * (`config show`). Throws `RAMPART_ERR_USAGE` for an unknown command or option (with a did-you-mean), a missing
 * or unexpected argument, a missing option value or a value outside an option's choices.
 */
export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): ParsedCommandLine {
  let index = 0;
  let help = false;
  let version = false;
  for (; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (!arg.startsWith('-')) break;
    const leading = LEADING[arg as keyof typeof LEADING];
    if (leading === 'help') help = true;
    else if (leading === 'version') version = true;
    else if (leading === undefined) {
      const name = arg.split('=', 1)[0] as string;
      const suggestion = suggestClosest(name, Object.keys(LEADING));
      throw usage(
        `unknown option "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        'before the command only --help, --version and --debug are accepted; other options go after it: rampart <command> [options]',
      );
    }
  }
  if (version) return { kind: 'version' };
  const words = argv.slice(index);
  if (words.length === 0) return { kind: 'general-help', missingCommand: !help };

  if (words[0] === 'help') {
    const target = words.slice(1).filter((word) => !word.startsWith('-'));
    if (target.length === 0) return { kind: 'general-help', missingCommand: false };
    const resolved = resolveCommand(target, commands, true);
    return resolved.command
      ? { kind: 'command-help', command: resolved.command }
      : { kind: 'group-help', group: target[0] as string };
  }

  const rest = words.slice(1);
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  const resolved = resolveCommand(words, commands, wantsHelp);
  if (!resolved.command) return { kind: 'group-help', group: words[0] as string };
  const { command, consumed } = resolved;
  if (wantsHelp) return { kind: 'command-help', command };
  return { kind: 'run', command, ...parseCommandArguments(command, words.slice(consumed)) };
}

function resolveCommand(
  words: readonly string[],
  commands: readonly Command[],
  forHelp: boolean,
): { command: Command; consumed: number } | { command: undefined } {
  const first = words[0] as string;
  const single = commands.find((c) => c.name === first);
  if (single) return { command: single, consumed: 1 };
  const group = commands.filter((c) => c.name.startsWith(`${first} `));
  if (group.length === 0) {
    const firstWords = [...new Set(commands.map((c) => c.name.split(' ')[0] as string)), 'help'];
    const suggestion = suggestClosest(first, firstWords);
    throw usage(
      `unknown command "${first}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      'run "rampart --help" for the list of commands',
    );
  }
  const second = words[1];
  const subNames = group.map((c) => c.name.split(' ')[1] as string);
  const command = group.find((c) => c.name === `${first} ${second}`);
  if (command) return { command, consumed: 2 };
  if (second === undefined || second.startsWith('-')) {
    // `rampart config --help` and `rampart help config` describe the group; a bare `rampart config` is incomplete.
    if (forHelp) return { command: undefined };
    throw usage(
      `missing command after "${first}": one of ${subNames.join(', ')}`,
      `run "rampart ${first} --help" to see what each does`,
    );
  }
  const suggestion = suggestClosest(second, subNames);
  throw usage(
    `unknown command "${first} ${second}"${suggestion ? `; did you mean "${first} ${suggestion}"?` : ''}`,
    `the ${first} commands are: ${subNames.join(', ')}`,
  );
}

function describeOption(name: string, option: OptionDefinition): string {
  if (option.type === 'boolean') return `--${name}`;
  return `--${name} <${option.valueName ?? option.choices?.join('|') ?? 'value'}>`;
}

function parseCommandArguments(
  command: Command,
  argv: readonly string[],
): Pick<Extract<ParsedCommandLine, { kind: 'run' }>, 'args' | 'options' | 'given'> {
  const definitions = optionsOf(command);
  const helpHint = `run "rampart ${command.name} --help" for its options`;
  const parseArgsOptions = Object.fromEntries(
    Object.entries(definitions).map(([name, option]) => [
      name,
      { type: option.type, ...(option.short ? { short: option.short } : {}) },
    ]),
  );
  // Non-strict parsing with tokens lets us word every mistake ourselves, with suggestions.
  const { tokens } = parseArgs({
    args: [...argv],
    options: parseArgsOptions,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const options: Record<string, string | boolean | string[] | undefined> = {};
  const given = new Set<string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const option = definitions[token.name];
    if (!option) {
      const names = Object.keys(definitions).map((name) => `--${name}`);
      const suggestion = token.rawName.startsWith('--') ? suggestClosest(token.rawName, names) : undefined;
      throw usage(
        `unknown option "${token.rawName}" for "rampart ${command.name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        helpHint,
      );
    }
    const label = describeOption(token.name, option);
    if (option.type === 'boolean') {
      if (token.value !== undefined)
        throw usage(`option --${token.name} takes no value`, `write ${label} alone`);
      options[token.name] = true;
      given.add(token.name);
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('-') && value !== '-')) {
      throw usage(
        `option --${token.name} needs a value`,
        `write ${label}${value === undefined ? '' : `; for a value that starts with "-", write --${token.name}=${value}`}`,
      );
    }
    if (option.choices && !option.choices.includes(value)) {
      const suggestion = suggestClosest(value, option.choices);
      throw usage(
        `option --${token.name} does not accept ${JSON.stringify(value)}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        `use one of: ${option.choices.join(', ')}`,
      );
    }
    if (option.multiple) {
      options[token.name] = [...((options[token.name] as string[] | undefined) ?? []), value];
    } else {
      options[token.name] = value;
    }
    given.add(token.name);
  }
  for (const [name, option] of Object.entries(definitions)) {
    if (options[name] !== undefined) continue;
    if (option.type === 'boolean') options[name] = false;
    else if (option.multiple) options[name] = [];
    else if (option.default !== undefined) options[name] = option.default;
  }

  const args: Record<string, string | readonly string[] | undefined> = {};
  command.args.forEach((definition, i) => {
    if (definition.variadic) {
      const values = positionals.slice(i);
      if (values.length === 0 && definition.required !== false) {
        throw usage(
          `missing argument <${definition.name}...> for "rampart ${command.name}"`,
          `usage: rampart ${command.name} ${command.usage}`,
        );
      }
      args[definition.name] = values;
      return;
    }
    const value = positionals[i];
    if (value === undefined && definition.required !== false) {
      throw usage(
        `missing argument <${definition.name}> for "rampart ${command.name}"`,
        `usage: rampart ${command.name} ${command.usage}`,
      );
    }
    args[definition.name] = value;
  });
  if (positionals.length > command.args.length && !command.args.at(-1)?.variadic) {
    throw usage(
      `unexpected argument ${JSON.stringify(positionals[command.args.length])} for "rampart ${command.name}"`,
      `usage: rampart ${command.name} ${command.usage}`,
    );
  }
  return { args, options, given };
}
