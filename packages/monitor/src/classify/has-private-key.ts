/** PEM (RFC 7468) and OpenSSH/PGP armour of private keys: `-----BEGIN RSA PRIVATE KEY-----` and kin. */
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/;

/** True when `text` contains the armour header of a private key. */
export function hasPrivateKey(text: string): boolean {
  return text.includes('-----BEGIN ') && PRIVATE_KEY.test(text);
}
