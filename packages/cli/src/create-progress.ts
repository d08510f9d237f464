import type { Writer } from './define-command.js';

export interface ProgressOptions {
  /** How many units of work there are (documents, hosts, requests). */
  readonly total: number;
  /** What is being done, e.g. `auditing` or `scanning hosts`. */
  readonly label: string;
  /** Where to draw; usually standard error, so that standard output stays clean for reports. */
  readonly stream: Writer;
  /** When the stream is not a terminal: `periodic` prints a plain line every `intervalMs` (default), `silent` nothing. */
  readonly plain?: 'periodic' | 'silent';
  /** Minimum time between two plain lines. Default 10 s. */
  readonly intervalMs?: number;
  /** Minimum time between two redraws of the bar on a terminal. Default 100 ms. */
  readonly throttleMs?: number;
  /** The clock, in milliseconds; tests pass a fake one. Default `Date.now`. */
  readonly now?: () => number;
}

/** Progress of one long job. */
export interface Progress {
  /** Records `count` (default 1) more units done; `detail` names the current one (a file, a host). */
  tick(count?: number, detail?: string): void;
  /** Ends the job: the bar is replaced by one summary line (`message`, else `label: done/total in 1.2s`). */
  done(message?: string): void;
  /** Units done so far. */
  readonly completed: number;
}

const BAR_WIDTH = 24;

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

/**
 * A progress display for long work over many documents or hosts. On a terminal it draws one bar that is
 * rewritten in place (`\r`), at most every `throttleMs`; elsewhere (CI logs, pipes) it prints a plain line at most
 * every `intervalMs`, or nothing with `plain: 'silent'`, so logs are not flooded. Either way `done()` prints one
 * final line.
 */
export function createProgress(options: ProgressOptions): Progress {
  if (!Number.isInteger(options.total) || options.total < 0) {
    throw new TypeError(`progress total must be a non-negative integer, got ${options.total}`);
  }
  const now = options.now ?? Date.now;
  const tty = options.stream.isTTY === true;
  const throttleMs = options.throttleMs ?? 100;
  const intervalMs = options.intervalMs ?? 10_000;
  const silent = !tty && options.plain === 'silent';
  const started = now();
  let completed = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastLine = started;
  let finished = false;

  const fraction = () => (options.total === 0 ? 1 : Math.min(completed / options.total, 1));
  const counts = () => `${completed}/${options.total} (${Math.floor(fraction() * 100)}%)`;

  const draw = (detail: string | undefined) => {
    const filled = Math.round(fraction() * BAR_WIDTH);
    let line = `${options.label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${counts()}`;
    if (detail) line += ` ${detail}`;
    const columns = options.stream.columns ?? 80;
    if (line.length > columns - 1) line = line.slice(0, columns - 1);
    // \r returns to the line start; ESC[K clears what a longer previous line left behind.
    options.stream.write(`\r${line}\x1b[K`);
  };

  return {
    get completed() {
      return completed;
    },
    tick(count = 1, detail) {
      if (finished) return;
      completed += count;
      if (silent) return;
      const time = now();
      if (tty) {
        if (time - lastDraw >= throttleMs || completed >= options.total) {
          lastDraw = time;
          draw(detail);
        }
      } else if (time - lastLine >= intervalMs) {
        lastLine = time;
        options.stream.write(`${options.label}: ${counts()}${detail ? ` ${detail}` : ''}\n`);
      }
    },
    done(message) {
      if (finished) return;
      finished = true;
      const summary =
        message ?? `${options.label}: ${completed}/${options.total} in ${formatDuration(now() - started)}`;
      if (tty) options.stream.write(`\r${summary}\x1b[K\n`);
      else if (!silent) options.stream.write(`${summary}\n`);
    },
  };
}
