import { describe, expect, it } from 'vitest';
import { createProgress } from './create-progress.js';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 60, write: (text: string) => chunks.push(text) } };
}

describe('createProgress', () => {
  it('prints plain lines at most once per interval when not on a terminal', () => {
    const { chunks, stream } = fakeStream(false);
    let time = 0;
    const progress = createProgress({
      total: 10,
      label: 'auditing',
      stream,
      intervalMs: 1000,
      now: () => time,
    });
    progress.tick(1, 'a.yaml');
    expect(chunks).toEqual([]); // nothing before the first interval has passed
    time = 1000;
    progress.tick(1, 'b.yaml');
    time = 1500;
    progress.tick(3);
    time = 2100;
    progress.tick(1);
    time = 2500;
    progress.tick(4);
    progress.done();
    expect(chunks).toEqual([
      'auditing: 2/10 (20%) b.yaml\n',
      'auditing: 6/10 (60%)\n',
      'auditing: 10/10 in 2.5s\n',
    ]);
    expect(chunks.join('')).not.toContain('\r');
    expect(progress.completed).toBe(10);
  });

  it('prints nothing but the summary when silent', () => {
    const { chunks, stream } = fakeStream(false);
    let time = 0;
    const progress = createProgress({ total: 3, label: 'scan', stream, plain: 'silent', now: () => time });
    time = 60_000;
    progress.tick(3);
    progress.done();
    expect(chunks).toEqual([]);
  });

  it('redraws one bar in place on a terminal, throttled, and ends with a summary line', () => {
    const { chunks, stream } = fakeStream(true);
    let time = 0;
    const progress = createProgress({ total: 4, label: 'scan', stream, throttleMs: 100, now: () => time });
    progress.tick(1, 'host-a');
    time = 50;
    progress.tick(1, 'host-b'); // throttled
    time = 150;
    progress.tick(1, 'host-c');
    time = 160;
    progress.tick(1, 'host-d'); // the last tick always draws
    progress.done('scanned 4 hosts');
    expect(chunks).toEqual([
      '\rscan [######------------------] 1/4 (25%) host-a\x1b[K',
      '\rscan [##################------] 3/4 (75%) host-c\x1b[K',
      '\rscan [########################] 4/4 (100%) host-d\x1b[K',
      '\rscanned 4 hosts\x1b[K\n',
    ]);
  });

  it('ignores ticks after done and rejects a bad total', () => {
    const { chunks, stream } = fakeStream(false);
    const progress = createProgress({ total: 1, label: 'x', stream, now: () => 0 });
    progress.done();
    progress.tick();
    progress.done();
    expect(chunks).toEqual(['x: 0/1 in 0ms\n']);
    expect(() => createProgress({ total: -1, label: 'x', stream })).toThrow(TypeError);
  });
});
