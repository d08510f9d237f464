import { describe, expect, it } from 'vitest';
import { locateJsonSyntaxError } from './locate-json-syntax-error.js';

describe('locateJsonSyntaxError', () => {
  it.each([
    ['{"a":1,}', 6, 'trailing comma before "}"'],
    ['[1,2,]', 4, 'trailing comma before "]"'],
    ['{"a" 1}', 5, 'expected ":" after the property name but found "1"'],
    [
      "{'a':1}",
      1,
      'expected a double-quoted property name but found a single quote (JSON strings use double quotes)',
    ],
    ['{"a":tru}', 5, 'expected a value but found "tru"'],
    ['{"a":"x\n"}', 5, 'string is not closed before the end of the line'],
    ['{"a":1} // c', 8, 'unexpected a comment (JSON has no comments) after the end of the JSON value'],
    ['{"a":[1 2]}', 8, 'expected "," or "]" after an array element but found "2"'],
    ['{"a":"\\q"}', 6, 'bad escape "\\q" in string'],
    ['{"a":01}', 6, 'expected "," or "}" after a property but found "1"'],
    ['[', 1, 'expected a value but found the end of the file'],
  ])('%j → offset %d: %s', (text, offset, message) => {
    expect(locateJsonSyntaxError(text)).toEqual({ offset, message });
  });

  it('accepts valid JSON, however deep', () => {
    expect(locateJsonSyntaxError('{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n",{}]}')).toBeUndefined();
    expect(locateJsonSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
  });
});
