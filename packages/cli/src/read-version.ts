import { readFileSync } from 'node:fs';

let version: string | undefined;

/** The version of `@rampart/cli`, from its package.json (next to `src/` and `dist/` alike). */
export function readVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return version;
}
