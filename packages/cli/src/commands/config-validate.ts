import { defineCommand } from '../define-command.js';

/** `rampart config validate`: checks the configuration file, the environment and flags against the schema. */
export const configValidateCommand = defineCommand({
  name: 'config validate',
  summary: 'Check the configuration (file, RAMPART_* variables, flags) against the schema.',
  description:
    'Reads the configuration the way every command does and reports every problem at once: unknown keys (with a did-you-mean), wrong values, invalid YAML, each with its file line:column or the environment variable that set it.',
  usage: '[--config <file>] [--set <key=value>]...',
  usesConfig: true,
  examples: [
    ['rampart config validate', 'Check ./rampart.yaml (or $RAMPART_CONFIG), with the environment applied.'],
    [
      'rampart config validate --config deploy/rampart.prod.yaml',
      'Check another file, e.g. in CI before a deploy.',
    ],
  ],
  exitCodes: {
    0: 'the configuration is valid',
    2: 'the configuration is invalid or the file cannot be read (every problem is listed)',
  },
  async run(context) {
    const loaded = await context.loadConfig();
    const overrides = loaded.overridden.size;
    const source =
      loaded.file === undefined
        ? 'no configuration file (built-in defaults)'
        : `${loaded.file}${loaded.fileSource === 'env' ? ' (from RAMPART_CONFIG)' : ''}`;
    context.stdout.write(
      `configuration is valid: ${source}${overrides ? `, ${overrides} key${overrides === 1 ? '' : 's'} overridden by environment or flags` : ''}\n`,
    );
    return 0;
  },
});
