import { type Stats, unwatchFile, watchFile } from 'node:fs';

/**
 * Polls `paths` every `intervalMs` and calls `onChange` (debounced, once per burst) when any of them changes.
 * Polling (`fs.watchFile`) rather than `fs.watch` because certificate managers replace files by rename, which
 * ends an inotify watch. Returns a function that stops watching. Does not keep the process alive.
 */
export function watchFiles(paths: readonly string[], intervalMs: number, onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const listener = (current: Stats, previous: Stats): void => {
    if (
      current.mtimeMs === previous.mtimeMs &&
      current.ino === previous.ino &&
      current.size === previous.size
    )
      return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = undefined;
        onChange();
      },
      Math.min(200, intervalMs),
    );
    timer.unref();
  };
  for (const path of paths) watchFile(path, { interval: intervalMs, persistent: false }, listener);
  return () => {
    if (timer) clearTimeout(timer);
    for (const path of paths) unwatchFile(path, listener);
  };
}
