import type { OptionDefinition } from './define-command.js';

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
  debug: {
    type: 'boolean',
    description: 'On an internal error, print the stack trace (same as RAMPART_DEBUG=1).',
  },
} as const satisfies Readonly<Record<string, OptionDefinition>>;

/** Options of every command that reads the configuration (`usesConfig: true`). */
export const CONFIG_OPTIONS = {
  config: {
    type: 'string',
    valueName: 'file',
    description:
      'Configuration file. Default: $RAMPART_CONFIG, else ./rampart.yaml if it exists, else built-in defaults.',
  },
  set: {
    type: 'string',
    multiple: true,
    valueName: 'key=value',
    description:
      'Override one configuration key, e.g. --set audit.failOn=critical; wins over the file and RAMPART_* variables. Repeatable.',
  },
} as const satisfies Readonly<Record<string, OptionDefinition>>;
