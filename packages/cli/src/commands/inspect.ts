import { resolve } from 'node:path';
import { loadApi } from '@rampart/openapi';
import { defineCommand } from '../define-command.js';
import { renderApiSummary } from '../render-api-summary.js';
import { summarizeApi } from '../summarize-api.js';

/** `rampart inspect <openapi>`: a summary of an API description. */
export const inspectCommand = defineCommand({
  name: 'inspect',
  summary: 'Summarize an OpenAPI description: servers, security schemes, operations, unauthenticated ones.',
  description:
    'Loads the description the way every engine does (OpenAPI 3.0, 3.1 or Swagger 2.0; YAML or JSON; $refs to other files resolved) and prints what Rampart sees. A document that cannot be loaded is reported with its file:line:column and a hint.',
  usage: '<openapi> [--format text|json]',
  args: [
    {
      name: 'openapi',
      description: 'Path or http(s) URL of the API description. Remote $refs are followed only for a URL.',
    },
  ],
  options: {
    format: { type: 'string', choices: ['text', 'json'], default: 'text', description: 'Output format.' },
  },
  examples: [
    ['rampart inspect openapi.yaml', 'Summarize a local description.'],
    ['rampart inspect openapi.yaml --format json', 'The same as JSON, for scripts.'],
  ],
  exitCodes: {
    0: 'summary printed',
    2: 'the description cannot be read, is not valid YAML/JSON, is not OpenAPI, or has a broken $ref',
  },
  async run(context) {
    const source = context.args.openapi;
    const isUrl = /^(https?|file):/i.test(source);
    // Keep the path as typed (for messages) unless main was given another working directory than the process's.
    const path =
      isUrl || resolve(source) === resolve(context.cwd, source) ? source : resolve(context.cwd, source);
    const api = await loadApi(path);
    const summary = summarizeApi(api);
    context.stdout.write(
      context.options.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : renderApiSummary(summary),
    );
    return 0;
  },
});
