/** A JSON Schema `format` recognised in observed strings. */
export type StringFormat = 'uuid' | 'date-time' | 'date' | 'email' | 'ipv4' | 'uri';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const DATE_TIME =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[Tt ](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;
const EMAIL = /^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const URI = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** The JSON Schema format a string value has (RFC 3339 dates and times, RFC 4122 UUIDs, …), or undefined. */
export function inferStringFormat(value: string): StringFormat | undefined {
  const length = value.length;
  if (length < 7 || length > 2048) return undefined;
  const first = value.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    if (length === 10 && DATE.test(value)) return 'date';
    if (length >= 20 && length <= 40 && DATE_TIME.test(value)) return 'date-time';
    if (length <= 15 && IPV4.test(value)) return 'ipv4';
  }
  if (length === 36 && UUID.test(value)) return 'uuid';
  if (length <= 254 && value.includes('@') && EMAIL.test(value)) return 'email';
  if ((first === 104 || first === 72) && URI.test(value)) return 'uri';
  return undefined;
}
