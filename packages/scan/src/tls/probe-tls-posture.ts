import { X509Certificate } from 'node:crypto';
import { type ConnectionOptions, checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import { RampartError } from '@rampart/core';
import { sendClientHello } from './send-client-hello.js';
import { WEAK_CIPHER_SUITES, type WeakCipherSuite } from './weak-cipher-suites.js';

/** TLS protocol versions probed, oldest first. */
export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/** The leaf certificate as the server presented it, and what is wrong with it. */
export interface CertificatePosture {
  readonly subject: string;
  readonly issuer: string;
  /** ISO 8601. */
  readonly validFrom: string;
  readonly validTo: string;
  readonly expired: boolean;
  readonly notYetValid: boolean;
  /** Issued by itself (subject = issuer, signature verifies with its own key). */
  readonly selfSigned: boolean;
  /** The chain verifies against the trusted roots (the system's, or `ca`). */
  readonly trusted: boolean;
  /** OpenSSL's verdict when the chain does not verify (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`, ...). */
  readonly chainError?: string;
  /** The certificate names the host the target was reached by. */
  readonly hostnameMatches: boolean;
  /** Names the certificate is valid for (subject alternative names). */
  readonly names: string;
  /** `rsa`, `ec`, `ed25519`, ... */
  readonly keyType: string;
  /** Key size in bits (RSA modulus, EC curve size). */
  readonly keyBits?: number;
  readonly fingerprint256: string;
}

/** What `probeTlsPosture` found. */
export interface TlsPosture {
  readonly host: string;
  readonly port: number;
  /** Which versions a handshake succeeded with. */
  readonly protocols: Readonly<Record<TlsVersion, boolean>>;
  /** Weak suites the server chose when offered only weak suites. */
  readonly weakCiphers: readonly WeakCipherSuite[];
  readonly certificate: CertificatePosture;
  /** TLS handshakes and hellos sent. */
  readonly handshakes: number;
}

/** Where to probe and whom to trust. */
export interface ProbeTlsPostureOptions {
  readonly host: string;
  readonly port: number;
  /** The name the certificate must carry (default `host`). */
  readonly servername?: string;
  /** Trusted roots instead of the system's (PEM), e.g. a private CA. */
  readonly ca?: string | readonly string[];
  /** The clock, for validity dates (default now). */
  readonly now?: Date;
  /** Per handshake (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Weak suites accepted are enumerated up to this many (default 6). */
  readonly maxWeakCiphers?: number;
}

/** Errors that mean "nothing listens there", not "that version was refused". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);

interface Handshake {
  readonly ok: boolean;
  readonly certificate?: PeerCertificate;
  readonly authorized?: boolean;
  readonly authorizationError?: string;
}

function handshake(options: ProbeTlsPostureOptions, extra: ConnectionOptions): Promise<Handshake> {
  const servername = options.servername ?? options.host;
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: options.host,
      port: options.port,
      ...(/^[\d.]+$|:/.test(servername) ? {} : { servername }),
      rejectUnauthorized: false,
      ...(options.ca === undefined ? {} : { ca: options.ca as string | string[] }),
      ...extra,
    });
    socket.setTimeout(options.timeoutMs ?? 5000, () => {
      socket.destroy();
      reject(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' }));
    });
    socket.once('secureConnect', () => {
      const authorizationError = socket.authorizationError;
      resolve({
        ok: true,
        certificate: socket.getPeerCertificate(false),
        authorized: socket.authorized,
        ...(authorizationError ? { authorizationError: String(authorizationError) } : {}),
      });
      socket.destroy();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      if (UNREACHABLE.has(error.code ?? '')) reject(error);
      else resolve({ ok: false });
    });
  });
}

function describeCertificate(handshake: Handshake, servername: string, now: Date): CertificatePosture {
  const raw = handshake.certificate?.raw;
  if (raw === undefined) {
    throw new RampartError(
      'RAMPART_ERR_SCAN_TRANSPORT',
      `TLS server at ${servername} presented no certificate`,
      {
        hint: 'check that the target speaks TLS on this port',
      },
    );
  }
  const x509 = new X509Certificate(raw);
  const validFrom = new Date(x509.validFrom);
  const validTo = new Date(x509.validTo);
  const selfSigned = x509.subject === x509.issuer && x509.verify(x509.publicKey);
  const details = x509.publicKey.asymmetricKeyDetails;
  const curveBits: Record<string, number> = {
    prime256v1: 256,
    secp384r1: 384,
    secp521r1: 521,
    secp256k1: 256,
  };
  const keyBits = details?.modulusLength ?? (details?.namedCurve ? curveBits[details.namedCurve] : undefined);
  // Node checks the host name only when the chain verifies; check it always, independently.
  const identityError = checkServerIdentity(servername, handshake.certificate as PeerCertificate);
  const chainError =
    handshake.authorized === true || handshake.authorizationError === undefined
      ? undefined
      : handshake.authorizationError;
  return {
    subject: x509.subject.replace(/\n/g, ', '),
    issuer: x509.issuer.replace(/\n/g, ', '),
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    expired: now > validTo,
    notYetValid: now < validFrom,
    selfSigned,
    trusted: handshake.authorized === true || chainError === 'ERR_TLS_CERT_ALTNAME_INVALID',
    ...(chainError && chainError !== 'ERR_TLS_CERT_ALTNAME_INVALID' ? { chainError } : {}),
    hostnameMatches: identityError === undefined,
    names: x509.subjectAltName ?? '',
    keyType: x509.publicKey.asymmetricKeyType ?? 'unknown',
    ...(keyBits === undefined ? {} : { keyBits }),
    fingerprint256: x509.fingerprint256,
  };
}

/**
 * Probes a TLS server's posture, for the `api8-tls-posture` check:
 *
 * - protocol versions: one handshake per version (`minVersion` = `maxVersion`), with the client at OpenSSL
 *   security level 0 (`DEFAULT@SECLEVEL=0`), since OpenSSL 3 otherwise refuses to offer TLS 1.0 and 1.1 itself
 *   and every server would look safe;
 * - weak cipher suites: hand-built ClientHellos that offer only `WEAK_CIPHER_SUITES` (RC4, 3DES, DES, export,
 *   NULL, anonymous, IDEA), repeated without each suite the server chose, to list what it accepts;
 * - the certificate: validity dates against `now`, self-signed, chain trust against the system roots or `ca`,
 *   host name (checked even when the chain fails), key type and size.
 *
 * Only `host:port` is contacted; no application data is sent. Rejects with `RAMPART_ERR_SCAN_TRANSPORT` when
 * the server cannot be reached or completes no handshake at all.
 */
export async function probeTlsPosture(options: ProbeTlsPostureOptions): Promise<TlsPosture> {
  const servername = options.servername ?? options.host;
  let handshakes = 0;
  const protocols = {} as Record<TlsVersion, boolean>;
  let best: Handshake | undefined;
  try {
    for (const version of TLS_VERSIONS) {
      handshakes++;
      const result = await handshake(options, {
        minVersion: version,
        maxVersion: version,
        ciphers: 'DEFAULT@SECLEVEL=0',
      });
      protocols[version] = result.ok;
      if (result.ok) best = result;
    }
    // The certificate as a default client sees it (the newest version wins), trust judged normally.
    handshakes++;
    const normal = await handshake(options, { ciphers: 'DEFAULT@SECLEVEL=0' });
    if (normal.ok) best = normal;
  } catch (cause) {
    throw new RampartError(
      'RAMPART_ERR_SCAN_TRANSPORT',
      `TLS probe of ${options.host}:${options.port} failed: ${(cause as Error).message}`,
      { cause, hint: 'check that the target is running and reachable' },
    );
  }
  if (best === undefined) {
    throw new RampartError(
      'RAMPART_ERR_SCAN_TRANSPORT',
      `TLS probe of ${options.host}:${options.port}: no handshake succeeded with TLS 1.0 to 1.3`,
      { hint: 'check that the target speaks TLS on this port (an http:// target has no TLS to probe)' },
    );
  }
  const certificate = describeCertificate(best, servername, options.now ?? new Date());

  const weakCiphers: WeakCipherSuite[] = [];
  let offered = WEAK_CIPHER_SUITES.map((suite) => suite.code);
  for (let i = 0; i < (options.maxWeakCiphers ?? 6) && offered.length > 0; i++) {
    handshakes++;
    const answer = await sendClientHello({
      host: options.host,
      port: options.port,
      servername,
      suites: offered,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    if (answer.kind !== 'accepted') break;
    const suite = WEAK_CIPHER_SUITES.find((s) => s.code === answer.suite);
    // A server that answers with a suite that was not offered is broken, not weak: stop.
    if (suite === undefined) break;
    weakCiphers.push(suite);
    offered = offered.filter((code) => code !== answer.suite);
  }
  return { host: options.host, port: options.port, protocols, weakCiphers, certificate, handshakes };
}
