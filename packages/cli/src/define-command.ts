import type { LoadConfigResult } from './config/load-config.js';

/** Somewhere to write text: `process.stdout`, `process.stderr`, or a test's buffer. */
export interface Writer {
  write(text: string): unknown;
  /** True when the writer is a terminal (progress bars are drawn only then). */
  readonly isTTY?: boolean;
  /** Terminal width in characters, when known. */
  readonly columns?: number;
}

/** One option of a command, e.g. `--format <text|json>`. */
export interface OptionDefinition {
  readonly type: 'string' | 'boolean';
  /** One-letter alias, e.g. `h` for `-h`. */
  readonly short?: string;
  /** One line: what the option does. */
  readonly description: string;
  /** The placeholder in usage lines, e.g. `file` in `--config <file>`; defaults to the choices or `value`. */
  readonly valueName?: string;
  /** The value when the option is absent (shown in help). */
  readonly default?: string;
  /** The only accepted values (a wrong one gets a did-you-mean and exit 2). */
  readonly choices?: readonly string[];
  /** May be given several times; the values are collected in order. */
  readonly multiple?: boolean;
  /** The configuration key this flag overrides, e.g. `audit.failOn` for `--fail-on`. */
  readonly configKey?: string;
}

/** One positional argument, e.g. `<openapi>`. */
export interface ArgumentDefinition {
  readonly name: string;
  readonly description: string;
  /** Default true. A missing required argument is a usage error (exit 2) that names it. */
  readonly required?: boolean;
  /** The last argument only: takes every remaining positional (`<openapi...>`); its value is a list. */
  readonly variadic?: boolean;
}

/** The value of each option, with its type: booleans, strings (defaulted or possibly absent), lists. */
export type OptionValues<O extends Readonly<Record<string, OptionDefinition>>> = {
  readonly [K in keyof O]: O[K] extends { readonly type: 'boolean' }
    ? boolean
    : O[K] extends { readonly multiple: true }
      ? readonly string[]
      : O[K] extends { readonly default: string }
        ? string
        : string | undefined;
};

/** The value of each positional argument, by name. */
export type ArgumentValues<A extends readonly ArgumentDefinition[]> = {
  readonly [D in A[number] as D['name']]: D extends { readonly variadic: true }
    ? readonly string[]
    : D extends { readonly required: false }
      ? string | undefined
      : string;
};

/** What a command's `run` receives. Everything from outside (argv, env, streams, cwd) comes through here. */
export interface CommandContext<
  O extends Readonly<Record<string, OptionDefinition>> = Readonly<Record<string, OptionDefinition>>,
  A extends readonly ArgumentDefinition[] = readonly ArgumentDefinition[],
> {
  readonly args: ArgumentValues<A>;
  readonly options: OptionValues<O>;
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** `--debug` or `RAMPART_DEBUG=1`. */
  readonly debug: boolean;
  /**
   * The effective configuration (file, then environment, then `--set` and flags with a `configKey`), loaded
   * and validated on first call, then the same frozen object. Only for commands with `usesConfig: true`.
   */
  loadConfig(): Promise<LoadConfigResult>;
  /** Every registered command (for `help`). */
  readonly commands: readonly Command[];
}

/** What `defineCommand` takes. */
export interface CommandDefinition<
  O extends Readonly<Record<string, OptionDefinition>>,
  A extends readonly ArgumentDefinition[],
> {
  /** The words after `rampart`: `inspect`, or `config show` for a command in a group. */
  readonly name: string;
  /** One line, starting with a verb: what the command does. */
  readonly summary: string;
  /** Longer explanation for `--help`, when the summary is not enough. */
  readonly description?: string;
  /** The usage line after `rampart <name>`, e.g. `<openapi> [--format text|json]`. */
  readonly usage: string;
  readonly args?: A;
  /** Options by long name (kebab-case). `--help` and `--debug` are added to every command. */
  readonly options?: O;
  /** Whether the command reads `rampart.yaml`; adds `--config <file>` and `--set <key=value>`. */
  readonly usesConfig?: boolean;
  /** Command lines with a comment each, shown in help: `['rampart inspect api.yaml', 'Summarize a file']`. */
  readonly examples: readonly (readonly [commandLine: string, comment: string])[];
  /** What each exit code means for this command; the defaults describe 0, 2 and 3. */
  readonly exitCodes?: Readonly<Partial<Record<0 | 1 | 2 | 3, string>>>;
  /** Does the work; returns the exit code (default 0). Errors thrown are mapped by `exitCodeForError`. */
  run(context: CommandContext<O, A>): Promise<number | undefined> | number | undefined;
}

/** A registered command, its option and argument types erased. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly description?: string;
  readonly usage: string;
  readonly args: readonly ArgumentDefinition[];
  readonly options: Readonly<Record<string, OptionDefinition>>;
  readonly usesConfig: boolean;
  readonly examples: readonly (readonly [string, string])[];
  readonly exitCodes: Readonly<Partial<Record<0 | 1 | 2 | 3, string>>>;
  run(context: CommandContext): Promise<number | undefined> | number | undefined;
}

const NAME = /^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)?$/;
const RESERVED_OPTIONS = ['help', 'debug', 'config', 'set', 'version'];

/**
 * Declares a command. Checks the definition (a misuse throws `TypeError` at start-up, not at the user): a
 * kebab-case name of one or two words, kebab-case option names that do not clash with the global ones,
 * one-letter short aliases, defaults among the choices, required arguments before optional ones.
 */
export function defineCommand<
  const O extends Readonly<Record<string, OptionDefinition>> = Readonly<Record<never, OptionDefinition>>,
  const A extends readonly ArgumentDefinition[] = readonly [],
>(definition: CommandDefinition<O, A>): Command {
  const where = `command "${definition.name}"`;
  if (!NAME.test(definition.name)) throw new TypeError(`${where}: name must be one or two kebab-case words`);
  if (!definition.summary) throw new TypeError(`${where}: summary is required`);
  const options = (definition.options ?? {}) as Readonly<Record<string, OptionDefinition>>;
  const shorts = new Set<string>(['h']);
  for (const [name, option] of Object.entries(options)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new TypeError(`${where}: option "${name}" must be kebab-case`);
    if (RESERVED_OPTIONS.includes(name)) throw new TypeError(`${where}: option "--${name}" is global`);
    if (option.short !== undefined) {
      if (!/^[a-zA-Z]$/.test(option.short) || shorts.has(option.short)) {
        throw new TypeError(`${where}: short alias "-${option.short}" of --${name} is invalid or taken`);
      }
      shorts.add(option.short);
    }
    if (option.default !== undefined && option.choices && !option.choices.includes(option.default)) {
      throw new TypeError(`${where}: default of --${name} is not one of its choices`);
    }
  }
  const args = definition.args ?? [];
  let optionalSeen = false;
  for (const arg of args) {
    if (arg.required === false) optionalSeen = true;
    else if (optionalSeen)
      throw new TypeError(`${where}: required argument <${arg.name}> follows an optional one`);
    if (arg.variadic && arg !== args[args.length - 1])
      throw new TypeError(`${where}: only the last argument may be variadic, not <${arg.name}>`);
  }
  return {
    name: definition.name,
    summary: definition.summary,
    ...(definition.description === undefined ? {} : { description: definition.description }),
    usage: definition.usage,
    args,
    options,
    usesConfig: definition.usesConfig ?? false,
    examples: definition.examples,
    exitCodes: definition.exitCodes ?? {},
    run: definition.run as Command['run'],
  };
}
