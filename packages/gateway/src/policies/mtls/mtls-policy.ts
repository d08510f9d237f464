import { definePolicy } from '../../define-policy.js';

/**
 * Mutual TLS client authentication (RFC 8705, OWASP API2): a verified client certificate that matches the
 * `tls.clientCertificate.allow` rules becomes the request's identity (`method: 'mtls'`, subject = the common
 * name or the whole subject, credential fingerprint = the certificate's SHA-256, truncated). A certificate that does not
 * chain to the CA bundle (only possible in `optional` mode) gets 401, one outside the allow rules 403.
 */
export const mtlsPolicy = definePolicy<undefined>({
  id: 'mtls',
  stage: 'accept',
  failMode: 'closed',
  description:
    'Binds the verified TLS client certificate to the identity and enforces subject/SAN allow rules.',
  compile(config, context) {
    if (config !== undefined)
      context.problem('', 'takes no configuration here; set "tls.clientCertificate" instead');
    const options = context.options.tls?.clientCertificate;
    if (!options) return undefined;
    const subjects = options.allow?.subjects ? new Set(options.allow.subjects) : undefined;
    const sans = options.allow?.subjectAltNames ? new Set(options.allow.subjectAltNames) : undefined;
    const restricted = subjects !== undefined || sans !== undefined;
    return (ctx) => {
      const cert = ctx.clientCertificate;
      if (!cert) {
        if (options.mode === 'optional') return undefined;
        return {
          status: 401,
          detail: 'A client certificate is required.',
          reason: 'no client certificate on the connection',
        };
      }
      if (!cert.authorized)
        return {
          status: 401,
          detail: 'The client certificate is not trusted.',
          reason: `client certificate "${cert.subject}" does not chain to tls.clientCertificate.caFile`,
        };
      if (restricted) {
        const bySubject = cert.commonName !== undefined && subjects?.has(cert.commonName) === true;
        const bySan = sans !== undefined && cert.subjectAltNames.some((san) => sans.has(san));
        if (!bySubject && !bySan)
          return {
            status: 403,
            detail: 'The client certificate is not allowed to call this API.',
            reason: `client certificate "${cert.subject}" matches no tls.clientCertificate.allow rule`,
          };
      }
      ctx.identity = {
        subject: cert.commonName ?? cert.subject,
        method: 'mtls',
        credentialFingerprint: cert.fingerprint256.replaceAll(':', '').toLowerCase().slice(0, 16),
      };
      ctx.auth = 'success';
      return undefined;
    };
  },
});
