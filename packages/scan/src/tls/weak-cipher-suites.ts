/** Why a cipher suite is weak. */
export type CipherWeakness = 'null' | 'anonymous' | 'export' | 'rc4' | 'des' | '3des' | 'idea';

/** A TLS cipher suite no server should accept, by IANA code. */
export interface WeakCipherSuite {
  /** IANA code, e.g. `0x000a`. */
  readonly code: number;
  /** OpenSSL name, e.g. `DES-CBC3-SHA`. */
  readonly name: string;
  readonly weakness: CipherWeakness;
}

/**
 * Cipher suites that give no or broken confidentiality or authentication (Mozilla "old" profile exclusions,
 * RFC 7465 for RC4, SWEET32 / CVE-2016-2183 for 64-bit block ciphers). Most cannot be offered by the OpenSSL 3
 * inside Node at all, which is why they are probed with a hand-built ClientHello (`sendClientHello`).
 */
export const WEAK_CIPHER_SUITES: readonly WeakCipherSuite[] = [
  { code: 0x0001, name: 'NULL-MD5', weakness: 'null' },
  { code: 0x0002, name: 'NULL-SHA', weakness: 'null' },
  { code: 0x003b, name: 'NULL-SHA256', weakness: 'null' },
  { code: 0xc006, name: 'ECDHE-ECDSA-NULL-SHA', weakness: 'null' },
  { code: 0xc010, name: 'ECDHE-RSA-NULL-SHA', weakness: 'null' },
  { code: 0x0018, name: 'ADH-RC4-MD5', weakness: 'anonymous' },
  { code: 0x001b, name: 'ADH-DES-CBC3-SHA', weakness: 'anonymous' },
  { code: 0x0034, name: 'ADH-AES128-SHA', weakness: 'anonymous' },
  { code: 0x003a, name: 'ADH-AES256-SHA', weakness: 'anonymous' },
  { code: 0x006c, name: 'ADH-AES128-SHA256', weakness: 'anonymous' },
  { code: 0xc018, name: 'AECDH-AES128-SHA', weakness: 'anonymous' },
  { code: 0xc019, name: 'AECDH-AES256-SHA', weakness: 'anonymous' },
  { code: 0x0003, name: 'EXP-RC4-MD5', weakness: 'export' },
  { code: 0x0006, name: 'EXP-RC2-CBC-MD5', weakness: 'export' },
  { code: 0x0008, name: 'EXP-DES-CBC-SHA', weakness: 'export' },
  { code: 0x0014, name: 'EXP-EDH-RSA-DES-CBC-SHA', weakness: 'export' },
  { code: 0x0004, name: 'RC4-MD5', weakness: 'rc4' },
  { code: 0x0005, name: 'RC4-SHA', weakness: 'rc4' },
  { code: 0xc007, name: 'ECDHE-ECDSA-RC4-SHA', weakness: 'rc4' },
  { code: 0xc011, name: 'ECDHE-RSA-RC4-SHA', weakness: 'rc4' },
  { code: 0x0009, name: 'DES-CBC-SHA', weakness: 'des' },
  { code: 0x0015, name: 'EDH-RSA-DES-CBC-SHA', weakness: 'des' },
  { code: 0x000a, name: 'DES-CBC3-SHA', weakness: '3des' },
  { code: 0x0016, name: 'EDH-RSA-DES-CBC3-SHA', weakness: '3des' },
  { code: 0xc008, name: 'ECDHE-ECDSA-DES-CBC3-SHA', weakness: '3des' },
  { code: 0xc012, name: 'ECDHE-RSA-DES-CBC3-SHA', weakness: '3des' },
  { code: 0x0007, name: 'IDEA-CBC-SHA', weakness: 'idea' },
];
