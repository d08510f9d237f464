/** What `serveDemo` needs of a started demo API. */
export interface RunningDemo {
  readonly enabledFlaws: ReadonlySet<string>;
  close(): Promise<void>;
}

/**
 * Says where a demo listens and which of its `flawCount` flaws are on, then closes it and exits on SIGINT or
 * SIGTERM. Returns -1: the process keeps running (see `runDemoMain`).
 */
export function serveDemo(name: string, demo: RunningDemo, url: string, flawCount: number): number {
  const enabled = demo.enabledFlaws.size;
  const mode = enabled === 0 ? 'secure (no flaws)' : `${enabled}/${flawCount} flaws on`;
  process.stdout.write(`${name} listening on ${url} — ${mode}. DO NOT EXPOSE.\n`);
  const stop = (): void => {
    void demo.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

/**
 * Runs a demo's `main`: its result is the exit code when it is 0 or more (-1: a server keeps the process alive); a
 * thrown error is printed with the demo's name and exits with 3.
 */
export function runDemoMain(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${(error as Error).message}\n`);
      process.exitCode = 3;
    },
  );
}
