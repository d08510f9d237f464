import { constants, type KeyObject, sign } from 'node:crypto';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact JWT with these header and payload, signed with `privateKey` under the header's `alg`: RS256/384/512
 * (PKCS#1 v1.5), PS256/384/512 (PSS, salt = hash length) or ES256/384/512 (the r‖s form of RFC 7518 section
 * 3.4). Throws a `TypeError` for any other `alg`.
 */
export function encodeSignedJwt(
  header: Readonly<Record<string, unknown>>,
  payload: Readonly<Record<string, unknown>>,
  privateKey: KeyObject,
): string {
  const alg = header['alg'];
  const match = typeof alg === 'string' ? /^(RS|PS|ES)(256|384|512)$/.exec(alg) : null;
  if (match === null) throw new TypeError(`encodeSignedJwt: alg must be RS*, PS* or ES*, got ${String(alg)}`);
  const hash = `sha${match[2]}`;
  const input = `${encode(header)}.${encode(payload)}`;
  const signature =
    match[1] === 'RS'
      ? sign(hash, Buffer.from(input), privateKey)
      : match[1] === 'PS'
        ? sign(hash, Buffer.from(input), {
            key: privateKey,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: Number(match[2]) / 8,
          })
        : sign(hash, Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}
