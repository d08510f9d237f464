/** IBAN length by country (ISO 13616 registry, SWIFT). */
const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  [
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28',
    'EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27',
    'JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18',
    'NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28',
    'TL23 TN24 TR26 UA29 VA22 VG24 XK20',
  ]
    .join(' ')
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))] as const),
);

const COMPACT = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
/** The print format: groups of four separated by one space, the last group shorter. */
const SPACED = /^[A-Z]{2}\d{2}(?: [A-Z0-9]{4})* [A-Z0-9]{1,4}$/;

/**
 * True when `value` is an IBAN: a registered country code, the length that country uses, and the ISO 7064
 * mod-97 check (the remainder of the rearranged number is 1). Spaces between groups of four are accepted.
 */
export function isIban(value: string): boolean {
  if (value.length < 15 || value.length > 42) return false;
  let compact: string;
  if (COMPACT.test(value)) compact = value;
  else if (SPACED.test(value)) compact = value.replace(/ /g, '');
  else return false;
  if (IBAN_LENGTHS.get(compact.slice(0, 2)) !== compact.length) return false;
  // Country code and check digits move to the end; letters count as 10..35; mod 97 is taken as we go.
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    if (code <= 57) remainder = (remainder * 10 + (code - 48)) % 97;
    else remainder = (remainder * 100 + (code - 55)) % 97;
  }
  return remainder === 1;
}
