import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ConnectionOptions, createSecureContext, type SecureContext } from 'node:tls';
import type { Problem } from '@rampart/core';
import type { ResolvedUpstreamTls } from './resolved-gateway-options.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads the CA bundle, client certificate and key of one upstream's `tls` block and builds the options its
 * connection pool passes to `tls.connect`. Everything is checked here, at load or reload, not at the first
 * request: every block of the CA bundle must parse as a certificate (OpenSSL silently skips what does not, which
 * would leave the upstream unverifiable), the key must decrypt with the passphrase and match the certificate.
 * Problems are appended to `problems` under `at` (`upstreams[1].tls`); returns `undefined` when there are any.
 * Messages name files, never the passphrase or key material.
 */
export function loadUpstreamTls(
  tls: ResolvedUpstreamTls,
  at: string,
  problems: Problem[],
): ConnectionOptions | undefined {
  const before = problems.length;
  const read = (path: string, key: string): Buffer | undefined => {
    try {
      return readFileSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      problems.push({
        path: `${at}.${key}`,
        message: `cannot be read (${code}): "${path}"`,
        hint: 'give a readable PEM file',
      });
      return undefined;
    }
  };
  const ca = tls.caFile === undefined ? undefined : read(tls.caFile, 'caFile');
  const cert = tls.certFile === undefined ? undefined : read(tls.certFile, 'certFile');
  const key = tls.keyFile === undefined ? undefined : read(tls.keyFile, 'keyFile');
  if (ca && tls.caFile !== undefined) checkCertificates(ca, tls.caFile, `${at}.caFile`, problems);
  if (cert && tls.certFile !== undefined) checkCertificates(cert, tls.certFile, `${at}.certFile`, problems);
  if (problems.length > before) return undefined;

  // One secure context per upstream, built here: tls.connect would otherwise parse the CA bundle, certificate and
  // key again for every new connection, and the passphrase would have to stay in the pool's options.
  let secureContext: SecureContext;
  try {
    secureContext = createSecureContext({
      ...(ca ? { ca } : {}),
      ...(cert && key ? { cert, key } : {}),
      ...(tls.passphrase ? { passphrase: tls.passphrase.reveal() } : {}),
      minVersion: tls.minVersion,
    });
  } catch (error) {
    // OpenSSL's reason ("bad decrypt", "key values mismatch") names no secret.
    const reason = (error as Error).message;
    problems.push({
      path: `${at}.keyFile`,
      message: `"${tls.keyFile}" cannot be used with "${tls.certFile}": ${reason}`,
      hint:
        tls.passphrase === undefined
          ? 'give the PEM private key of certFile (an encrypted key needs passphrase)'
          : 'check that keyFile is the key of certFile and that passphrase decrypts it',
    });
    return undefined;
  }
  return {
    secureContext,
    ...(tls.serverName ? { servername: tls.serverName } : {}),
    minVersion: tls.minVersion,
    rejectUnauthorized: tls.rejectUnauthorized,
  };
}

/** Every PEM block of `pem` parses as an X.509 certificate, and there is at least one. */
function checkCertificates(pem: Buffer, file: string, path: string, problems: Problem[]): void {
  const blocks = pem.toString('latin1').match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) {
    problems.push({
      path,
      message: `has no PEM certificate ("-----BEGIN CERTIFICATE-----"): "${file}"`,
      hint: 'give a PEM file with one or more certificates (convert DER with: openssl x509 -inform der)',
    });
    return;
  }
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      problems.push({
        path,
        message: `certificate ${i + 1} of "${file}" cannot be parsed: ${(error as Error).message}`,
        hint: 'give PEM certificates as openssl writes them',
      });
    }
  });
}
