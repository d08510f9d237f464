import { auditCommand } from './commands/audit.js';
import { configSchemaCommand } from './commands/config-schema.js';
import { configShowCommand } from './commands/config-show.js';
import { configValidateCommand } from './commands/config-validate.js';
import { discoverCommand } from './commands/discover.js';
import { gatewayCommand } from './commands/gateway.js';
import { importCommand } from './commands/import.js';
import { inspectCommand } from './commands/inspect.js';
import { scanCommand } from './commands/scan.js';
import { upCommand } from './commands/up.js';
import type { Command } from './define-command.js';

/**
 * Every command, in the order `rampart --help` lists them. A new command is one file in `commands/` and one
 * line here; nothing is discovered from the file system.
 */
export const COMMANDS: readonly Command[] = [
  upCommand,
  gatewayCommand,
  inspectCommand,
  auditCommand,
  scanCommand,
  configValidateCommand,
  configShowCommand,
  configSchemaCommand,
  importCommand,
  discoverCommand,
];

/** One-line summaries of the two-word command groups, for `rampart <group> --help`. */
export const COMMAND_GROUPS: Readonly<Record<string, string>> = {
  config: 'Check, show and describe the configuration (rampart.yaml).',
};
