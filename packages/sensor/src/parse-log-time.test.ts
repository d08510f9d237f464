import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClfTime, parseLogTime } from './parse-log-time.js';

describe('parseClfTime', () => {
  it.each([
    ['10/Oct/2000:13:55:36 -0700', Date.UTC(2000, 9, 10, 20, 55, 36)],
    ['01/Jan/2024:00:30:00 +0530', Date.UTC(2023, 11, 31, 19, 0, 0)],
    ['29/Feb/2024:23:59:59 +0000', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['12/Mar/2024:14:02:11.250 +01:00', Date.UTC(2024, 2, 12, 13, 2, 11, 250)],
  ])('parses %s with its offset', (text, expected) => {
    expect(parseClfTime(text)).toBe(expected);
  });

  it.each([
    '29/Feb/2023:00:00:00 +0000',
    '10/Foo/2000:13:55:36 -0700',
    '10/Oct/2000:25:00:00 +0000',
    '10/Oct/2000 13:55:36',
    '',
  ])('refuses %j', (text) => {
    expect(parseClfTime(text)).toBeUndefined();
  });

  it('round-trips any instant written in any whole-quarter-hour offset', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.integer({ min: -48, max: 56 }),
        (seconds, quarters) => {
          const offsetMin = quarters * 15;
          const local = new Date(seconds * 1000 + offsetMin * 60_000);
          const pad = (n: number) => String(n).padStart(2, '0');
          const sign = offsetMin < 0 ? '-' : '+';
          const abs = Math.abs(offsetMin);
          const text = `${pad(local.getUTCDate())}/${months[local.getUTCMonth()]}/${local.getUTCFullYear()}:${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
          expect(parseClfTime(text)).toBe(seconds * 1000);
        },
      ),
    );
  });
});

describe('parseLogTime', () => {
  it.each([
    ['2024-03-12T14:02:11+01:00', Date.UTC(2024, 2, 12, 13, 2, 11)],
    ['2024-03-12T14:02:11.5-0230', Date.UTC(2024, 2, 12, 16, 32, 11, 500)],
    ['2024-03-12 13:02:11Z', Date.UTC(2024, 2, 12, 13, 2, 11)],
    ['2024-03-12T13:02:11', Date.UTC(2024, 2, 12, 13, 2, 11)],
    ['1710248531.123', 1710248531123],
    [1710248531123, 1710248531123],
    ['12/Mar/2024:14:02:11 +0100', Date.UTC(2024, 2, 12, 13, 2, 11)],
  ])('parses %j', (value, expected) => {
    expect(parseLogTime(value)).toBe(expected);
  });

  it.each(['-', '', 'yesterday', '2024-13-45T00:00:00Z', null, {}])('refuses %j', (value) => {
    expect(parseLogTime(value)).toBeUndefined();
  });
});
