const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};
const CLF_TIME =
  /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))? ([+-])(\d{2}):?(\d{2})$/;

/**
 * Parses a Common Log Format timestamp (nginx `$time_local`, Apache `%t`): `10/Oct/2000:13:55:36 -0700`, into
 * epoch milliseconds, honouring its UTC offset. `undefined` when it is not one or names an impossible date.
 */
export function parseClfTime(text: string): number | undefined {
  const m = CLF_TIME.exec(text);
  if (!m) return undefined;
  const month = MONTHS[m[2] as string];
  if (month === undefined) return undefined;
  const [day, year, hh, mm, ss] = [m[1], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const local = Date.UTC(year, month, day, hh, mm, ss, ms);
  const check = new Date(local);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month || hh > 23 || mm > 59 || ss > 60)
    return undefined;
  const offset = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) * 60_000;
  return local - offset;
}

/**
 * Parses a timestamp of an access log: ISO 8601 (an explicit offset or `Z` is honoured; none means UTC, so the
 * result does not depend on the importing machine's zone), Common Log Format, or epoch seconds/milliseconds.
 */
export function parseLogTime(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? (value < 1e11 ? value * 1000 : value) : undefined;
  if (typeof value !== 'string' || value === '' || value === '-') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return parseLogTime(Number(value));
  const clf = parseClfTime(value);
  if (clf !== undefined) return clf;
  const iso = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value);
  if (!iso) return undefined;
  const zoned = iso[3] ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : `${value}Z`;
  const t = Date.parse(zoned.replace(' ', 'T'));
  return Number.isNaN(t) ? undefined : t;
}
