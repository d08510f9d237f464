import { RampartError } from '@rampart/core';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Reads a duration such as `90s`, `5m`, `1h30m` or `500ms` (a bare number is seconds) into milliseconds.
 * Throws `RAMPART_ERR_USAGE` naming `source` and the value, with examples, when it is not one or is not > 0.
 */
export function parseDuration(value: string, source: string): number {
  const text = value.trim().toLowerCase();
  let total = 0;
  if (/^\d+(\.\d+)?$/.test(text)) total = Number(text) * 1000;
  else if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) {
    for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
      total += Number(amount) * (UNITS[unit as string] as number);
    }
  } else total = Number.NaN;
  if (!(total > 0)) {
    throw new RampartError('RAMPART_ERR_USAGE', `${source} ${JSON.stringify(value)} is not a duration`, {
      hint: 'write e.g. 90s, 5m, 1h30m or 500ms (a bare number is seconds)',
    });
  }
  return Math.round(total);
}
