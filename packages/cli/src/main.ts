import { RampartError } from '@rampart/core';
import { COMMAND_GROUPS, COMMANDS } from './command-list.js';
import { type LoadConfigResult, loadConfig } from './config/load-config.js';
import type { ConfigOverride } from './config/parse-config.js';
import type { Command, CommandContext, Writer } from './define-command.js';
import { EXIT_CODES } from './exit-codes.js';
import { formatError } from './format-error.js';
import { parseCommandLine } from './parse-command-line.js';
import { readVersion } from './read-version.js';
import { renderCommandHelp, renderGeneralHelp, renderGroupHelp } from './render-help.js';

/** The streams and directory `main` works with; tests pass buffers. */
export interface MainIo {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Relative paths are resolved against it. Default `process.cwd()`. */
  readonly cwd?: string;
}

/**
 * Runs one `rampart` command line and resolves to its exit code; never throws, never exits, never touches
 * `process`: everything comes from the arguments (`argv` without `node` and the script name). Errors become
 * messages on `io.stderr` and exit code 2 (usage or input) or 3 (internal; with a correlation id, and the stack
 * under `--debug` or `RAMPART_DEBUG=1`). `commands` is the registered list; tests may pass their own.
 */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: MainIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const terminator = argv.indexOf('--');
  const flags = terminator < 0 ? argv : argv.slice(0, terminator);
  const debug = flags.includes('--debug') || env.RAMPART_DEBUG === '1' || env.RAMPART_DEBUG === 'true';
  try {
    const parsed = parseCommandLine(argv, commands);
    switch (parsed.kind) {
      case 'version':
        io.stdout.write(`${readVersion()}\n`);
        return EXIT_CODES.ok;
      case 'general-help':
        if (parsed.missingCommand) {
          io.stderr.write(`rampart: missing command\n\n${renderGeneralHelp(commands, readVersion())}`);
          return EXIT_CODES.usage;
        }
        io.stdout.write(renderGeneralHelp(commands, readVersion()));
        return EXIT_CODES.ok;
      case 'group-help':
        io.stdout.write(renderGroupHelp(parsed.group, COMMAND_GROUPS[parsed.group] ?? '', commands));
        return EXIT_CODES.ok;
      case 'command-help':
        io.stdout.write(renderCommandHelp(parsed.command));
        return EXIT_CODES.ok;
      case 'run': {
        const { command, options, given } = parsed;
        const cwd = io.cwd ?? process.cwd();
        let loaded: Promise<LoadConfigResult> | undefined;
        const context: CommandContext = {
          // parseCommandLine checked required arguments and typed every option against its definition.
          args: parsed.args as CommandContext['args'],
          options: options as CommandContext['options'],
          stdout: io.stdout,
          stderr: io.stderr,
          env,
          cwd,
          debug,
          commands,
          loadConfig() {
            loaded ??= loadConfig({
              ...(typeof options.config === 'string' ? { file: options.config } : {}),
              env,
              cwd,
              overrides: collectOverrides(command, options, given),
            }).then((result) => {
              for (const warning of result.warnings) io.stderr.write(`rampart: warning: ${warning}\n`);
              return result;
            });
            return loaded;
          },
        };
        return (await command.run(context)) ?? EXIT_CODES.ok;
      }
    }
  } catch (error) {
    const { text, exitCode } = formatError(error, { debug });
    io.stderr.write(text);
    return exitCode;
  }
}

/** `--set key=value` flags, then options with a `configKey` that were given, in command-line order of precedence. */
function collectOverrides(
  command: Command,
  options: Readonly<Record<string, string | boolean | readonly string[] | undefined>>,
  given: ReadonlySet<string>,
): ConfigOverride[] {
  const overrides: ConfigOverride[] = [];
  for (const assignment of (options.set as readonly string[] | undefined) ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new RampartError('RAMPART_ERR_USAGE', `--set ${JSON.stringify(assignment)} is not key=value`, {
        hint: 'write e.g. --set audit.failOn=critical',
      });
    }
    const key = assignment.slice(0, eq).trim();
    // The origin names the key only: the value may be a secret.
    overrides.push({ key, value: assignment.slice(eq + 1), origin: `--set ${key}` });
  }
  for (const [name, option] of Object.entries(command.options)) {
    if (option.configKey && given.has(name)) {
      overrides.push({ key: option.configKey, value: options[name], origin: `--${name}` });
    }
  }
  return overrides;
}
