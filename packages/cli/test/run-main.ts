import type { Command } from '../src/define-command.js';
import { main } from '../src/main.js';

/** The result of one in-process `rampart` run. */
export interface MainResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `main` with buffers for stdout/stderr, an explicit environment and working directory. */
export async function runMain(
  argv: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; commands?: readonly Command[] } = {},
): Promise<MainResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    options.env ?? {},
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: options.cwd ?? '/nonexistent-rampart-test-dir',
    },
    ...(options.commands ? [options.commands] : []),
  );
  return { code, stdout, stderr };
}
