import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Baseline, parseBaseline } from '@rampart/audit';
import { RampartError } from '@rampart/core';

/**
 * Reads a baseline of accepted findings (`--baseline`, `audit.baseline`). `file` is relative to `cwd`; `origin`
 * names where it came from for messages. A missing or unreadable file is a usage error (`RAMPART_ERR_USAGE`,
 * exit 2: a baseline that silently failed to apply would fail builds, or worse, pass them with the wrong
 * findings); text that is not JSON or not a baseline is `RAMPART_ERR_CONFIG_INVALID` with every problem.
 */
export async function readAuditBaseline(file: string, cwd: string, origin = '--baseline'): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new RampartError(
      'RAMPART_ERR_USAGE',
      `baseline file ${file} ${missing ? 'does not exist' : 'cannot be read'} (named by ${origin})`,
      {
        cause,
        hint: missing
          ? `create it with "rampart audit <openapi> --write-baseline ${file}" (relative paths start at ${cwd})`
          : 'check the file permissions',
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new RampartError(
      'RAMPART_ERR_CONFIG_INVALID',
      `baseline file ${file} is not valid JSON: ${(cause as Error).message}`,
      {
        cause,
        location: { file },
        hint: `regenerate it with "rampart audit <openapi> --write-baseline ${file}"`,
      },
    );
  }
  return parseBaseline(value, file);
}
