const TOKEN_CHARS = /^[A-Za-z0-9_\-+/=.~]{20,512}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True when `value` looks machine-generated and secret: 20 to 512 token characters, letters and digits, a Shannon entropy of at least 3.5 bits per character (3 for hex strings of 32 or more),
 * and not a UUID (which is an
 * identifier far more often than a secret). Meant for values of fields named like keys or tokens, never alone.
 */
export function isHighEntropyToken(value: string): boolean {
  if (!TOKEN_CHARS.test(value) || UUID.test(value)) return false;
  // Digits and letters both: camelCase identifiers (`getMaintenanceTimeInterval`) have high entropy too.
  if (!/\d/.test(value) || !/[A-Za-z]/.test(value)) return false;
  // Hex has 16 symbols: 4 bits per character at most, and about 3.5 measured over 32 random characters.
  const hex = /^[0-9a-f]+$/i.test(value);
  return hex ? value.length >= 32 && shannonEntropy(value) >= 3 : shannonEntropy(value) >= 3.5;
}

/** Bits per character of the string's own character distribution. */
function shannonEntropy(value: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
