import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Line, readLines } from './read-lines.js';

async function lines(chunks: (string | Buffer)[], max = 1024): Promise<Line[]> {
  const out: Line[] = [];
  for await (const l of readLines(Readable.from(chunks.map((c) => Buffer.from(c))), max)) out.push(l);
  return out;
}

describe('readLines', () => {
  it('splits across chunk boundaries, strips CR, keeps blank lines and a last line without newline', async () => {
    expect(await lines(['ab', 'c\r\nde', 'f\n\n', 'last'])).toEqual([
      { number: 1, text: 'abc' },
      { number: 2, text: 'def' },
      { number: 3, text: '' },
      { number: 4, text: 'last' },
    ]);
  });

  it('decodes a multi-byte character split between chunks', async () => {
    const bytes = Buffer.from('café\n');
    expect(await lines([bytes.subarray(0, 4), bytes.subarray(4)])).toEqual([{ number: 1, text: 'café' }]);
  });

  it('reports over-long lines without text, however many chunks they span', async () => {
    const big = 'x'.repeat(600);
    expect(await lines([`ok\n${big}`, big, `${big}\nafter\n`, big, big], 1000)).toEqual([
      { number: 1, text: 'ok' },
      { number: 2, text: undefined },
      { number: 3, text: 'after' },
      { number: 4, text: undefined },
    ]);
  });

  it('yields nothing for an empty stream', async () => {
    expect(await lines([])).toEqual([]);
  });
});
