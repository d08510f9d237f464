/** 1-based line and column of a character offset. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Returns a function that maps character offsets of `text` to lines and columns. The table of line starts is
 * built on first call, so a document that is never asked about costs nothing.
 */
export function locateLineColumn(text: string): (offset: number) => LineColumn {
  let starts: Uint32Array | undefined;
  const build = (): Uint32Array => {
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    const table = new Uint32Array(count);
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) table[n++] = i + 1;
    return table;
  };
  return (offset) => {
    starts ??= build();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}
