import { describe, expect, it } from 'vitest';
import { shouldUseColor } from './should-use-color.js';

describe('shouldUseColor', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each([
    ['a TTY with no colour variables', tty, {}, true],
    ['a pipe', pipe, {}, false],
    ['a stream without isTTY (a file)', {}, {}, false],
    ['a TTY with NO_COLOR=1', tty, { NO_COLOR: '1' }, false],
    ['a TTY with an empty NO_COLOR (ignored, per no-color.org)', tty, { NO_COLOR: '' }, true],
    ['a TTY with TERM=dumb', tty, { TERM: 'dumb' }, false],
    ['a pipe with FORCE_COLOR=1', pipe, { FORCE_COLOR: '1' }, true],
    ['a pipe with an empty FORCE_COLOR', pipe, { FORCE_COLOR: '' }, true],
    ['a TTY with FORCE_COLOR=0', tty, { FORCE_COLOR: '0' }, false],
    ['a TTY with FORCE_COLOR=false', tty, { FORCE_COLOR: 'false' }, false],
    [
      'FORCE_COLOR=1 together with NO_COLOR=1 (force wins, as in Node)',
      pipe,
      { FORCE_COLOR: '1', NO_COLOR: '1' },
      true,
    ],
  ])('%s → %s', (_name, stream, env, expected) => {
    expect(shouldUseColor(stream, env)).toBe(expected);
  });
});
