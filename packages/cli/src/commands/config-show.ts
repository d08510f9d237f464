import { Document } from 'yaml';
import { defineCommand } from '../define-command.js';

/** `rampart config show`: the effective configuration, secrets redacted. */
export const configShowCommand = defineCommand({
  name: 'config show',
  summary: 'Print the effective configuration after environment and flags, secrets redacted.',
  description:
    'Shows exactly what the engines will use. Keys set by an environment variable or a flag are marked with a comment naming it. Secrets (database URLs, signing keys) print as [redacted].',
  usage: '[--format yaml|json] [--config <file>] [--set <key=value>]...',
  usesConfig: true,
  options: {
    format: {
      type: 'string',
      choices: ['yaml', 'json'],
      default: 'yaml',
      description: 'Output format.',
    },
  },
  examples: [
    ['rampart config show', 'The configuration in effect here.'],
    ['RAMPART_AUDIT_FAIL_ON=critical rampart config show', 'See an environment variable take effect.'],
    ['rampart config show --format json', 'Machine-readable output.'],
  ],
  exitCodes: { 0: 'printed', 2: 'the configuration is invalid or the file cannot be read' },
  async run(context) {
    const loaded = await context.loadConfig();
    // Secret#toJSON yields "[redacted]", so the plain copy never holds a secret.
    const plain = JSON.parse(JSON.stringify(loaded.config)) as Record<string, unknown>;
    if (context.options.format === 'json') {
      context.stdout.write(`${JSON.stringify(plain, null, 2)}\n`);
      return 0;
    }
    const document = new Document(plain);
    document.commentBefore = ` effective configuration: ${loaded.file ?? 'no file (built-in defaults)'}, then environment, then flags`;
    for (const [key, origin] of loaded.overridden) {
      const node = document.getIn(key.split('.'), true) as { comment?: string | null } | undefined;
      if (node && typeof node === 'object') node.comment = ` from ${origin}`;
    }
    context.stdout.write(document.toString());
    return 0;
  },
});
