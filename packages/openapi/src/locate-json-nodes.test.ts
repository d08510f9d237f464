import { describe, expect, it } from 'vitest';
import { locateJsonNodes } from './locate-json-nodes.js';

describe('locateJsonNodes', () => {
  const text =
    '{\n  "a": {"b": [ {"c": 1}, [] ]},\n  "esc\\"aped": {},\n  "dup": {"x": 1},\n  "dup": {"y": 2},\n  "s": "{[\\"]}"\n}';
  const value = JSON.parse(text);
  const nodes = locateJsonNodes(text, value);

  it('gives line, column and pointer of every object and array', () => {
    expect(nodes.locateNode(value)).toEqual({ line: 1, column: 1, pointer: '' });
    expect(nodes.locateNode(value.a)).toEqual({ line: 2, column: 8, pointer: '/a' });
    expect(nodes.locateNode(value.a.b)).toEqual({ line: 2, column: 14, pointer: '/a/b' });
    expect(nodes.locateNode(value.a.b[0])).toEqual({ line: 2, column: 16, pointer: '/a/b/0' });
    expect(nodes.locateNode(value.a.b[1])).toEqual({ line: 2, column: 26, pointer: '/a/b/1' });
    expect(nodes.locateNode(value['esc"aped'])).toEqual({ line: 3, column: 16, pointer: '/esc"aped' });
  });

  it('follows JSON.parse on duplicate keys (the last one wins)', () => {
    expect(nodes.locateNode(value.dup)).toEqual({ line: 5, column: 10, pointer: '/dup' });
    expect(nodes.locateMember(value, 'dup')).toEqual({ line: 5, column: 3, pointer: '/dup' });
  });

  it('locates members, including array items and scalars', () => {
    expect(nodes.locateMember(value, 's')).toEqual({ line: 6, column: 3, pointer: '/s' });
    expect(nodes.locateMember(value.a.b, '1')).toEqual({ line: 2, column: 26, pointer: '/a/b/1' });
    expect(nodes.locateMember(value.a.b[0], 'c')).toEqual({ line: 2, column: 17, pointer: '/a/b/0/c' });
    expect(nodes.locateMember(value, 'missing')).toBeUndefined();
    expect(nodes.locateNode({})).toBeUndefined();
  });
});
