import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RampartError } from '@rampart/core';
import { type ConfigOverride, type LoadedConfig, parseConfig } from './parse-config.js';

/** The file looked for in the working directory when neither `--config` nor `RAMPART_CONFIG` names one. */
export const DEFAULT_CONFIG_FILE = 'rampart.yaml';

export interface LoadConfigOptions {
  /** The `--config <file>` flag, when given. */
  readonly file?: string;
  /** The process environment (for `RAMPART_CONFIG` and the `RAMPART_<SECTION>_<KEY>` overrides). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The directory relative paths are resolved against; default `process.cwd()`. */
  readonly cwd?: string;
  /** Command-line values; they win over the environment and the file. */
  readonly overrides?: readonly ConfigOverride[];
}

/** How the configuration file was chosen: `--config`, `RAMPART_CONFIG`, `./rampart.yaml`, or none. */
export type ConfigFileSource = 'flag' | 'env' | 'cwd' | 'none';

/** The effective configuration, plus how the file was found. */
export interface LoadConfigResult extends LoadedConfig {
  readonly fileSource: ConfigFileSource;
}

/**
 * Finds, reads and parses the configuration, once, at start-up. The file is `--config <file>` if given, else
 * `$RAMPART_CONFIG`, else `./rampart.yaml` if it exists, else none (built-in defaults). A file named by the flag or
 * the variable must exist. Environment variables then override the file and `overrides` override both; see
 * `parseConfig` for validation. Throws `RAMPART_ERR_CONFIG_READ` when the file cannot be read and
 * `RAMPART_ERR_CONFIG_INVALID` (listing every problem) when the result is not valid.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadConfigResult> {
  const env = options.env ?? {};
  const cwd = options.cwd ?? process.cwd();
  let file: string | undefined;
  let fileSource: ConfigFileSource = 'none';
  if (options.file !== undefined) {
    file = options.file;
    fileSource = 'flag';
  } else if (env.RAMPART_CONFIG) {
    file = env.RAMPART_CONFIG;
    fileSource = 'env';
  } else if (existsSync(resolve(cwd, DEFAULT_CONFIG_FILE))) {
    file = DEFAULT_CONFIG_FILE;
    fileSource = 'cwd';
  }

  let text: string | undefined;
  if (file !== undefined) {
    try {
      text = await readFile(resolve(cwd, file), 'utf8');
    } catch (cause) {
      const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
      const namedBy = fileSource === 'env' ? 'RAMPART_CONFIG' : '--config';
      throw new RampartError(
        'RAMPART_ERR_CONFIG_READ',
        `configuration file ${file} ${reason} (named by ${namedBy})`,
        {
          cause,
          location: { file },
          hint: `check the path (relative paths start at ${cwd}), or leave out ${namedBy} to use ./${DEFAULT_CONFIG_FILE} or the defaults`,
        },
      );
    }
  }

  const loaded = parseConfig({
    ...(text === undefined ? {} : { text }),
    ...(file === undefined ? {} : { file }),
    env,
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  return { ...loaded, fileSource };
}
