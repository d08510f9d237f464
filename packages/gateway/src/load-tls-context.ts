import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import type { Problem } from '@rampart/core';
import type { ResolvedGatewayOptions } from './resolved-gateway-options.js';

/**
 * Reads the certificate, key and client CA files and builds the secure-context options (TLS 1.2+ only, the
 * configured ciphers, server cipher order). The result is checked by building a context once, so a mismatched
 * key or a broken PEM is reported here, at load or reload, not at the first handshake. Problems are appended to
 * `problems`; returns `undefined` when there are any.
 */
export function loadTlsContext(
  tls: NonNullable<ResolvedGatewayOptions['tls']>,
  problems: Problem[],
): SecureContextOptions | undefined {
  const read = (path: string, at: string): Buffer | undefined => {
    try {
      return readFileSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      problems.push({
        path: at,
        message: `cannot be read (${code}): "${path}"`,
        hint: 'give a readable PEM file',
      });
      return undefined;
    }
  };
  const cert = read(tls.certFile, 'tls.certFile');
  const key = read(tls.keyFile, 'tls.keyFile');
  const ca = tls.clientCertificate
    ? read(tls.clientCertificate.caFile, 'tls.clientCertificate.caFile')
    : undefined;
  if (!cert || !key || (tls.clientCertificate && !ca)) return undefined;
  const options: SecureContextOptions = {
    cert,
    key,
    ...(ca ? { ca } : {}),
    minVersion: tls.minVersion,
    ciphers: tls.ciphers,
    honorCipherOrder: true,
  };
  try {
    createSecureContext(options);
  } catch (error) {
    problems.push({
      path: 'tls',
      message: `certificate, key or CA cannot be used: ${(error as Error).message}`,
      hint: 'check that tls.keyFile matches tls.certFile and that both are PEM',
    });
    return undefined;
  }
  return options;
}
