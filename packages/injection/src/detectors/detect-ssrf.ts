import { classifyHost, type HostKind } from '@rampart/core';
import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';

/** Words that name internal hosts without any punctuation but dots and dashes. */
const SSRF_WORDS =
  /^\s*\d[\dx.]*\.|localhost|metadata|instance-data|\.internal|cluster\.local|localtest|lvh\.me|ip6-|loopback/;

const URL_AUTHORITY = /([a-z][a-z0-9+.-]{0,15}):[/\\]{2,}([^/\\?#\s"'<>`]{0,255})/g;
const BARE_HOST = /^\s*(\[[0-9a-f:.%]+\]|[a-z0-9.-]{1,253})(?::\d{1,5})?(?:[/?#].*)?$/s;
/** Schemes whose only use in a parameter is to make a server talk a raw protocol or read local resources. */
const RAW_SCHEMES = new Set([
  'gopher',
  'dict',
  'tftp',
  'jar',
  'netdoc',
  'ldap',
  'ldaps',
  'sftp',
  'file',
  'unc',
]);

interface HostRule {
  readonly score: number;
  readonly ruleId: string;
}

/**
 * Score and rule id per kind of internal host. Public addresses, documentation and test hosts, ordinary names and
 * names that are private only by convention (single labels, `.lan`, `.corp`) never fire: they are everyday values.
 */
const HOST_RULES: Readonly<Partial<Record<HostKind, HostRule>>> = {
  metadata: { score: 0.95, ruleId: 'ssrf-metadata-host' },
  'link-local': { score: 0.9, ruleId: 'ssrf-link-local-host' },
  loopback: { score: 0.85, ruleId: 'ssrf-loopback-host' },
  private: { score: 0.85, ruleId: 'ssrf-private-host' },
  cgnat: { score: 0.85, ruleId: 'ssrf-private-host' }, // carrier-grade NAT space, used inside clouds
  unspecified: { score: 0.85, ruleId: 'ssrf-unspecified-host' },
  reserved: { score: 0.6, ruleId: 'ssrf-reserved-host' },
  multicast: { score: 0.6, ruleId: 'ssrf-reserved-host' },
  benchmarking: { score: 0.6, ruleId: 'ssrf-reserved-host' },
};

function hostRule(host: string): HostRule | undefined {
  const { kind, basis } = classifyHost(host);
  return basis === 'convention' ? undefined : HOST_RULES[kind];
}

function hostOf(authority: string): string {
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    return close > 0 ? hostPort.slice(0, close + 1) : hostPort;
  }
  const colon = hostPort.indexOf(':');
  return colon >= 0 ? hostPort.slice(0, colon) : hostPort;
}

/**
 * Server-side request forgery targets: URLs (any scheme, any position in the value, userinfo tricks like
 * `http://good@127.0.0.1/` resolved to the real host) whose host is loopback, private, link-local, cloud metadata or
 * unspecified in any notation (decimal, octal, hex, short, IPv6, IPv4-mapped, NAT64; names such as `localhost`,
 * `metadata.google.internal`, `*.internal`, `*.local`, `lvh.me`, `127.0.0.1.nip.io`: `classifyHost` of
 * `@rampart/core` decides), and raw-protocol schemes (`gopher:`, `dict:`, `file:`, `jar:`, `tftp:`, `ldap:`).
 * A bare internal host as the whole value scores lower (0.6): it may be a legitimate setting; a bare metadata
 * address scores high. Public hosts never fire.
 */
export const ssrfDetector: InjectionDetector = {
  class: 'ssrf',
  triggers: CharClass.COLON | CharClass.BRACKET,
  prefilter: (lower) => SSRF_WORDS.test(lower),
  detect(text, lower) {
    let best: Detection | undefined;
    for (const m of lower.matchAll(URL_AUTHORITY)) {
      const scheme = (m[1] as string).replace(/^.*[^a-z]/, '');
      const host = hostOf(m[2] as string);
      const rule = hostRule(host);
      if (rule !== undefined)
        best = strongerDetection(best, {
          score: rule.score,
          ruleId: rule.ruleId,
          evidence: excerpt(text, m.index),
        });
      if (RAW_SCHEMES.has(scheme) && scheme !== 'file' && scheme !== 'unc')
        best = strongerDetection(best, {
          score: 0.85,
          ruleId: 'ssrf-raw-scheme',
          evidence: excerpt(text, m.index),
        });
      if (scheme === 'file')
        best = strongerDetection(best, {
          score: 0.75,
          ruleId: 'ssrf-raw-scheme',
          evidence: excerpt(text, m.index),
        });
      if ((best?.score ?? 0) >= 0.95) break;
    }
    if (best === undefined && lower.length <= 300) {
      const bare = BARE_HOST.exec(lower);
      if (bare !== null) {
        const candidate = bare[1] as string;
        // Only full dotted quads, IPv6 literals and names: "42", "0.5" and "1.2" are numbers, not hosts.
        const plausible =
          /^\d+(?:\.\d+){3}$/.test(candidate) || candidate.includes(':') || /[g-wyz]/.test(candidate);
        const rule = plausible ? hostRule(candidate) : undefined;
        if (rule !== undefined) {
          const rest = lower.slice(
            bare.index + bare[0].indexOf(bare[1] as string) + (bare[1] as string).length,
          );
          // A bare internal name with a path (`localhost/admin`, `host.docker.internal/`) is a URL without its
          // scheme; a bare name alone may be a setting.
          const score =
            rule.ruleId === 'ssrf-metadata-host' || /latest\/|meta-data|computemetadata/.test(rest)
              ? 0.9
              : rest.startsWith('/') && /[g-wyz]/.test(candidate)
                ? 0.75
                : 0.6;
          best = { score, ruleId: rule.ruleId, evidence: excerpt(text, 0) };
        }
      }
    }
    return best;
  },
};
