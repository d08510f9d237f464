import { type Severity, severityRank } from '@rampart/core';
import type { ScanCheck } from '../check-context.js';
import { defineCheck } from '../define-check.js';
import { probeTlsPosture, type TlsPosture } from './probe-tls-posture.js';

/** Options of {@link createTlsPostureCheck}. */
export interface TlsPostureCheckOptions {
  /** Trusted roots instead of the system's (PEM): a private CA whose certificates are valid by policy. */
  readonly ca?: string | readonly string[];
  /** The clock for certificate validity (default now). */
  readonly now?: () => Date;
  /** HSTS max-age below this many seconds is reported (default 15 552 000, 180 days). */
  readonly minHstsMaxAge?: number;
  readonly timeoutMs?: number;
}

interface Problem {
  readonly severity: Severity;
  readonly text: string;
}

const worst = (problems: readonly Problem[]): Severity =>
  problems.reduce<Severity>((w, p) => (severityRank(p.severity) > severityRank(w) ? p.severity : w), 'info');

function protocolProblems(posture: TlsPosture): Problem[] {
  const problems: Problem[] = [];
  const legacy = (['TLSv1', 'TLSv1.1'] as const).filter((v) => posture.protocols[v]);
  if (legacy.length > 0) {
    problems.push({ severity: 'medium', text: `accepts ${legacy.join(' and ')} (deprecated by RFC 8996)` });
  }
  if (!posture.protocols['TLSv1.2'] && !posture.protocols['TLSv1.3']) {
    problems.push({ severity: 'high', text: 'offers neither TLS 1.2 nor TLS 1.3' });
  }
  const broken = posture.weakCiphers.filter((c) => ['null', 'anonymous', 'export'].includes(c.weakness));
  const weak = posture.weakCiphers.filter((c) => !broken.includes(c));
  if (broken.length > 0) {
    problems.push({
      severity: 'high',
      text: `accepts cipher suites without encryption or authentication: ${broken.map((c) => c.name).join(', ')}`,
    });
  }
  if (weak.length > 0) {
    problems.push({
      severity: 'medium',
      text: `accepts weak cipher suites: ${weak.map((c) => `${c.name} (${c.weakness})`).join(', ')}`,
    });
  }
  return problems;
}

function certificateProblems(posture: TlsPosture, host: string): Problem[] {
  const c = posture.certificate;
  const problems: Problem[] = [];
  if (c.expired)
    problems.push({ severity: 'high', text: `certificate expired on ${c.validTo.slice(0, 10)}` });
  if (c.notYetValid) {
    problems.push({ severity: 'high', text: `certificate not valid before ${c.validFrom.slice(0, 10)}` });
  }
  if (c.selfSigned) problems.push({ severity: 'high', text: `certificate is self-signed (${c.subject})` });
  else if (!c.trusted) {
    problems.push({
      severity: 'high',
      text: `certificate chain is not trusted (${c.chainError ?? 'unknown issuer'}; issuer ${c.issuer})`,
    });
  }
  if (!c.hostnameMatches) {
    problems.push({
      severity: 'high',
      text: `certificate does not name ${host} (it names ${c.names || c.subject})`,
    });
  }
  const minimum = c.keyType === 'rsa' || c.keyType === 'dsa' ? 2048 : c.keyType === 'ec' ? 256 : 0;
  if (c.keyBits !== undefined && c.keyBits < minimum) {
    problems.push({
      severity: 'medium',
      text: `certificate key is ${c.keyType.toUpperCase()} ${c.keyBits} bits, below ${minimum}`,
    });
  }
  return problems;
}

/**
 * Builds the TLS and host posture check (`api8-tls-posture`, OWASP API8: "transport layer security is
 * missing or misconfigured"), for https targets only: legacy protocol versions and weak cipher suites accepted,
 * certificate expired or not yet valid, self-signed or untrusted, not naming the host, or with a short key,
 * and a missing or short HSTS header (RFC 6797; judged only when the certificate is valid, as browsers
 * ignore HSTS otherwise, and not when the security-headers check already reported it). Up to three
 * findings: handshake (`TLS /`), certificate (`CERT /`) and HSTS (`GET /`), each at the severity of its
 * worst problem. The handshakes go only to the target's host and port; the HSTS request goes through the
 * scan's guarded transport. The registered check uses the system's roots; pass `ca` to trust a private CA.
 */
export function createTlsPostureCheck(options: TlsPostureCheckOptions = {}): ScanCheck {
  const minHstsMaxAge = options.minHstsMaxAge ?? 15_552_000;
  return defineCheck({
    id: 'api8-tls-posture',
    title: 'TLS misconfigured: old protocols, weak ciphers, invalid certificate or no HSTS',
    severity: 'medium',
    owasp: 'API8',
    cwe: 326,
    description:
      'For https targets: handshakes with each TLS version from 1.0 to 1.3, ClientHellos offering only weak ' +
      'cipher suites (RC4, 3DES, DES, export, NULL, anonymous), the certificate (validity dates, ' +
      'self-signed or untrusted chain, host name, key size) and the Strict-Transport-Security header.',
    remediation:
      'Accept TLS 1.2 and 1.3 only (RFC 8996) with AEAD suites (Mozilla "intermediate" profile); serve a ' +
      'certificate from a trusted CA that names every host name the API is reached by, with an RSA key of at ' +
      'least 2048 bits or an EC key of at least 256, renewed before it expires; send ' +
      'Strict-Transport-Security: max-age=31536000; includeSubDomains on every response.',
    maxRequests: 4,
    async run(ctx) {
      const url = new URL(ctx.target);
      if (url.protocol !== 'https:') return;
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const probeOptions = {
        host,
        port: Number(url.port || 443),
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      };
      const probe = () => probeTlsPosture({ ...probeOptions, now: options.now?.() ?? new Date() });
      const posture = await probe();
      const reproduce = `openssl s_client -connect ${url.host} -servername ${host}`;

      const handshake = protocolProblems(posture);
      if (handshake.length > 0) {
        const legacy = posture.protocols.TLSv1 ? '-tls1' : posture.protocols['TLSv1.1'] ? '-tls1_1' : '';
        await ctx.report({
          method: 'TLS',
          path: '/',
          severity: worst(handshake),
          message: `the TLS server ${handshake.map((p) => p.text).join('; ')}`,
          summary: handshake.map((p) => p.text).join('; '),
          oracle: 'tls-handshake',
          confidence: 'certain',
          responses: [],
          snippet: `${reproduce} ${legacy} -cipher 'DEFAULT@SECLEVEL=0'`.replace(/\s+/g, ' ').trim(),
          tags: ['tls'],
          confirm: async () => protocolProblems(await probe()).length > 0,
        });
      }

      const certificate = certificateProblems(posture, host);
      if (certificate.length > 0) {
        await ctx.report({
          method: 'CERT',
          path: '/',
          severity: worst(certificate),
          message: `the TLS ${certificate.map((p) => p.text).join('; ')}`,
          summary: `${certificate.map((p) => p.text).join('; ')} (SHA-256 fingerprint ${posture.certificate.fingerprint256})`,
          oracle: 'tls-certificate',
          confidence: 'certain',
          responses: [],
          snippet: `${reproduce} -showcerts`,
          tags: ['tls', 'certificate'],
          confirm: async () => certificateProblems(await probe(), host).length > 0,
        });
        // RFC 6797 §8.1: a browser ignores HSTS sent over a connection with certificate errors.
        return;
      }

      const alreadyReported = ctx.findings.some(
        (f) => f.ruleId === 'api8-security-headers' && /Strict-Transport-Security/i.test(f.message),
      );
      const request = { method: 'GET', url: `${ctx.target}/` };
      const response = await ctx.anonymous.send(request);
      if (response.status === 429) return;
      const hsts = response.headers['strict-transport-security'];
      const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(hsts ?? '')?.[1] ?? Number.NaN);
      let text: string | undefined;
      if (hsts === undefined) text = alreadyReported ? undefined : 'no Strict-Transport-Security header';
      else if (!(maxAge >= minHstsMaxAge)) {
        text = `Strict-Transport-Security max-age is ${Number.isNaN(maxAge) ? 'missing' : `${maxAge} s`}, below ${minHstsMaxAge} s (180 days)`;
      }
      if (text === undefined) return;
      await ctx.report({
        method: 'GET',
        path: '/',
        severity: 'low',
        message: `https responses have ${text}: browsers may be downgraded to http`,
        summary: text,
        oracle: 'response-headers',
        confidence: 'certain',
        responses: [response],
        tags: ['tls', 'headers'],
        confirm: async () =>
          (await ctx.anonymous.send(request)).headers['strict-transport-security'] === hsts,
      });
    },
  });
}
