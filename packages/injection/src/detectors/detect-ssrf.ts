import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';
import { classifyHost, type InternalHostKind } from './classify-host.js';

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

const SCORES: Readonly<Record<InternalHostKind, number>> = {
  metadata: 0.95,
  loopback: 0.85,
  'link-local': 0.9,
  private: 0.85,
  unspecified: 0.85,
  reserved: 0.6,
};

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
 * unspecified in any notation (decimal, octal, hex, short, IPv6, IPv4-mapped; names such as `localhost`,
 * `metadata.google.internal`, `lvh.me`, `127.0.0.1.nip.io`), and raw-protocol schemes (`gopher:`, `dict:`,
 * `file:`, `jar:`, `tftp:`, `ldap:`). A bare internal host as the whole value scores lower (0.6): it may be a
 * legitimate setting; a bare metadata address scores high. Public hosts never fire.
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
      const kind = classifyHost(host);
      if (kind !== undefined)
        best = strongerDetection(best, {
          score: SCORES[kind],
          ruleId: `ssrf-${kind}-host`,
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
        const kind = plausible ? classifyHost(candidate) : undefined;
        if (kind !== undefined) {
          const rest = lower.slice(
            bare.index + bare[0].indexOf(bare[1] as string) + (bare[1] as string).length,
          );
          // A bare internal name with a path (`localhost/admin`, `host.docker.internal/`) is a URL without its
          // scheme; a bare name alone may be a setting.
          const score =
            kind === 'metadata' || /latest\/|meta-data|computemetadata/.test(rest)
              ? 0.9
              : rest.startsWith('/') && /[g-wyz]/.test(candidate)
                ? 0.75
                : 0.6;
          best = { score, ruleId: `ssrf-${kind}-host`, evidence: excerpt(text, 0) };
        }
      }
    }
    return best;
  },
};
