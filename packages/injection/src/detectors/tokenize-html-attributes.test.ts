import { describe, expect, it } from 'vitest';
import { tokenizeHtmlAttributes } from './tokenize-html-attributes.js';

const read = (text: string, from = 0) => tokenizeHtmlAttributes(text, from);

describe('tokenizeHtmlAttributes', () => {
  it('reads quoted, unquoted and bare attributes up to the closing >', () => {
    const list = read(' class="a b" id=x checked style=\'color: red\'>after');
    expect(list.attributes.map((a) => [a.name, a.value])).toEqual([
      ['class', 'a b'],
      ['id', 'x'],
      ['checked', ''],
      ['style', 'color: red'],
    ]);
    expect(list.closed).toBe(true);
    expect(' class="a b" id=x checked style=\'color: red\'>after'.slice(list.end)).toBe('after');
  });

  it('treats / as a separator and keeps a > inside quotes', () => {
    expect(read('/src=x/ onerror=alert(1)>').attributes.map((a) => a.name)).toEqual(['src', 'onerror']);
    expect(read(' title="a > b" x=1>').attributes.map((a) => a.value)).toEqual(['a > b', '1']);
  });

  it('allows spaces around = and reads a value that runs to the end unclosed', () => {
    expect(read(' href = "javascript:x').attributes).toEqual([
      { name: 'href', value: 'javascript:x', start: 1 },
    ]);
    expect(read(' href = "javascript:x').closed).toBe(false);
  });

  it('stops at the next < and at the attribute bound', () => {
    const list = read(' a=1 <b c=2>');
    expect(list.attributes.map((a) => a.name)).toEqual(['a']);
    expect(list.closed).toBe(false);
    expect(tokenizeHtmlAttributes(' a b c d e', 0, 3).attributes).toHaveLength(3);
  });

  it('reads from an offset (after a quote that closed an attribute)', () => {
    const text = 'x" onmouseover="alert(1)';
    expect(read(text, 2).attributes).toEqual([{ name: 'onmouseover', value: 'alert(1)', start: 3 }]);
  });
});
