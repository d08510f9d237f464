import type { DataClass } from './data-class.js';

/**
 * What a field's name says about its value: a data class the value probably holds (which lets weaker evidence
 * count, e.g. nine bare digits in `ssn`); `us-ssn` and `nl-bsn` for the national ids whose bare digits need the
 * name (`national-id` for a name that does not say which); `birth-year` for a year of birth; `version` for
 * fields whose dotted numbers are versions, not IPv4 addresses.
 */
export type FieldNameHint = DataClass | 'us-ssn' | 'nl-bsn' | 'birth-year' | 'version';

const BY_WORD: ReadonlyMap<string, FieldNameHint> = new Map<string, FieldNameHint>([
  ['email', 'email'],
  ['emailaddress', 'email'],
  ['phone', 'phone'],
  ['phonenumber', 'phone'],
  ['mobile', 'phone'],
  ['cellphone', 'phone'],
  ['tel', 'phone'],
  ['telephone', 'phone'],
  ['msisdn', 'phone'],
  ['fax', 'phone'],
  ['iban', 'iban'],
  ['pan', 'payment-card'],
  ['ssn', 'us-ssn'],
  ['bsn', 'nl-bsn'],
  ['nino', 'national-id'],
  ['dni', 'national-id'],
  ['nie', 'national-id'],
  ['dob', 'date-of-birth'],
  ['birthdate', 'date-of-birth'],
  ['birthday', 'date-of-birth'],
  ['ip', 'ip-address'],
  ['ipv4', 'ip-address'],
  ['ipv6', 'ip-address'],
  ['ipaddress', 'ip-address'],
  ['ipaddr', 'ip-address'],
  ['apikey', 'api-key'],
  ['token', 'api-key'],
  ['secret', 'api-key'],
  ['password', 'api-key'],
  ['version', 'version'],
]);

/** Joined (lower case, no separators) names that mean a class even though no single word does. */
const BY_JOINED: readonly (readonly [RegExp, FieldNameHint])[] = [
  [/(?:birthyear|yearofbirth)$/, 'birth-year'],
  [/(?:dateofbirth|birthdate|birthdt)/, 'date-of-birth'],
  [/socialsecurity/, 'us-ssn'],
  [/(?:burgerservicenummer|citizenservicenumber)/, 'nl-bsn'],
  [/(?:nationalinsurance|nationalid)/, 'national-id'],
  [/(?:phone|mobile|cell|telephone|fax)(?:number|no|nr)?$/, 'phone'],
  [/(?:email|emailaddress)$/, 'email'],
  [/(?:ipaddress|ipaddr)$/, 'ip-address'],
  [/(?:cardnumber|creditcard|debitcard|ccnumber|ccnum)$/, 'payment-card'],
  [/(?:privatekey)$/, 'private-key'],
  [/(?:apikey|accesskey|secretkey|authkey|clientsecret|licensekey|signingkey)$/, 'api-key'],
  [/(?:remoteaddr|remoteaddress|clientaddr)$/, 'ip-address'],
];

/** Every hint needs one of these substrings: most names have none and are answered with one test. */
const CANDIDATE =
  /mail|phone|mobile|cell|tel|fax|msisdn|iban|pan|ssn|bsn|nino|dni|nie|dob|birth|ip|addr|key|token|secret|passw|version|card|cc|social|national|burger|citizen/i;

const cache = new Map<string, FieldNameHint | null>();
const MAX_CACHED = 16_384;

/**
 * The hint a field, parameter or header name gives (`customerEmail` → `email`, `date_of_birth` →
 * `date-of-birth`, `X-Client-IP` → `ip-address`), or undefined. Names are split into words at case changes and
 * separators, so `zip` and `ship` are not `ip`. Results are cached (names repeat across events).
 */
export function classifyFieldName(name: string): FieldNameHint | undefined {
  const cached = cache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const hint = computeHint(name);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(name, hint ?? null);
  return hint;
}

function computeHint(name: string): FieldNameHint | undefined {
  if (name.length === 0 || name.length > 64 || !CANDIDATE.test(name)) return undefined;
  const words = name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  // Lists are named in the plural (`phones`, `emails`): the singular says what each item is.
  const last = singular(words.at(-1) ?? '');
  if (last === '') return undefined;
  const joined = words.slice(0, -1).join('') + last;
  for (const [pattern, hint] of BY_JOINED) if (pattern.test(joined)) return hint;
  if (last === 'mail') return 'email';
  // A bare `key` parameter is usually an API key (`?key=`); `cacheKey`, `sortKey` are not.
  if (last === 'key') return words.length === 1 ? 'api-key' : undefined;
  return BY_WORD.get(last);
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !BY_WORD.has(word)
    ? word.slice(0, -1)
    : word;
}
