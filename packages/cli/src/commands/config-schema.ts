import { CONFIG_SCHEMA } from '../config/config-schema.js';
import { defineCommand } from '../define-command.js';

/** `rampart config schema`: the JSON Schema of rampart.yaml. */
export const configSchemaCommand = defineCommand({
  name: 'config schema',
  summary: 'Print the JSON Schema (draft 2020-12) of rampart.yaml.',
  description:
    'The same schema that validates the configuration, with a description for every key. Point your editor at it for completion; docs/schema/rampart.schema.json in the repository is this output.',
  usage: '',
  examples: [
    ['rampart config schema > rampart.schema.json', 'Save it for an editor (add "$schema" to rampart.yaml).'],
  ],
  exitCodes: { 0: 'printed' },
  run(context) {
    context.stdout.write(`${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`);
    return 0;
  },
});
