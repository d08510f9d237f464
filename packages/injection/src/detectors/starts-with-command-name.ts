import { ENGLISH_COMMAND_NAMES, SHELL_COMMAND_NAMES, WRAPPER_COMMAND_NAMES } from './shell-command-names.js';

/**
 * True when the first word of `value` (case-insensitive, version suffix ignored: `python3.10`) names a program in
 * the command lists. Used by the inspector's prefilter so that a value of letters, digits, spaces and dashes only
 * (`ansible all -m shell`) still reaches the command detector. No regular expression; at most one short allocation.
 */
export function startsWithCommandName(value: string): boolean {
  let start = 0;
  while (start < value.length && value.charCodeAt(start) === 32) start++;
  let end = start;
  while (end < value.length && end - start < 40) {
    const c = value.charCodeAt(end) | 0x20;
    if (
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57 && end > start) ||
      value.charCodeAt(end) === 95 ||
      c === 0x2d
    )
      end++;
    else if (value.charCodeAt(end) === 46 && end > start) end++;
    else break;
  }
  if (end === start) return false;
  // The version suffix goes (`[0-9.]+$`); every character of the word is ASCII, so lower-casing afterwards gives
  // the same word, and a word longer than every name is none of them: no string is built for it.
  while (end > start) {
    const c = value.charCodeAt(end - 1);
    if ((c >= 48 && c <= 57) || c === 46) end--;
    else break;
  }
  if (end - start > LONGEST_NAME) return false;
  const word = value.slice(start, end).toLowerCase();
  return SHELL_COMMAND_NAMES.has(word) || ENGLISH_COMMAND_NAMES.has(word) || WRAPPER_COMMAND_NAMES.has(word);
}

/** Length of the longest name in the three lists. */
const LONGEST_NAME = Math.max(
  ...[SHELL_COMMAND_NAMES, ENGLISH_COMMAND_NAMES, WRAPPER_COMMAND_NAMES].flatMap((names) =>
    [...names].map((name) => name.length),
  ),
);
