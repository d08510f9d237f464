import { RampartError } from '@rampart/core';
import { type LoadConfigResult, loadConfig } from './config/load-config.js';
import type { ConfigOverride } from './config/parse-config.js';
import type { CommandContext } from './define-command.js';

/**
 * A function that reads the configuration again exactly as the command line first did (the same `--config`
 * file, environment and `--set` overrides), for hot reload. Each call reads the file anew.
 */
export function createConfigReloader(context: CommandContext): () => Promise<LoadConfigResult> {
  const file = context.options['config'];
  const overrides: ConfigOverride[] = [];
  for (const assignment of (context.options['set'] as readonly string[] | undefined) ?? []) {
    const eq = assignment.indexOf('=');
    if (eq <= 0)
      throw new RampartError('RAMPART_ERR_USAGE', `--set ${JSON.stringify(assignment)} is not key=value`, {
        hint: 'write e.g. --set gateway.listen.port=8081',
      });
    const key = assignment.slice(0, eq).trim();
    overrides.push({ key, value: assignment.slice(eq + 1), origin: `--set ${key}` });
  }
  return () =>
    loadConfig({
      ...(typeof file === 'string' ? { file } : {}),
      env: context.env,
      cwd: context.cwd,
      overrides,
    });
}
