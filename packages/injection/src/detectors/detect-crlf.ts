import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';

/** Response headers worth forging: cookies, redirects, framing, CORS, caching. */
const RESPONSE_HEADERS = new Set([
  'set-cookie',
  'location',
  'content-type',
  'content-length',
  'content-disposition',
  'content-security-policy',
  'transfer-encoding',
  'refresh',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'cache-control',
  'x-xss-protection',
  'x-frame-options',
  'link',
  'host',
  'cookie',
  'connection',
  'authorization',
  'x-forwarded-for',
  'x-forwarded-host',
]);

const HEADER_LINE = /\r?\n[ \t]*([a-z][a-z0-9-]{1,40})[ \t]*:/g;
const LOG_LINE =
  /[\r\n][ \t]*(?:\d{4}-\d{2}-\d{2}[ t]\d{2}:\d{2}|\[?(?:info|warn|warning|error|debug|trace|fatal|critical|notice|alert)\]?[ \t]*[:\]-]|\d{1,3}(?:\.\d{1,3}){3} - |\w{3} [ \d]\d \d{2}:\d{2}:\d{2} )/;

/**
 * CRLF injection and log forging. In a header value any CR or LF is an attack (RFC 9110 forbids them). Elsewhere a
 * line break followed by an HTTP header line (`Set-Cookie:`, `Location:`, `X-…:`), a status line or an injected
 * body (`\r\n\r\n<`) is response splitting; a line break followed by something shaped like a log line (timestamp,
 * level, `1.2.3.4 - `) is log forging. Multi-line text in a body (comments, addresses) has bare `\n` line breaks
 * and ordinary words, so a bare `\n` before an uncommon header name scores only 0.4.
 */
export const crlfDetector: InjectionDetector = {
  class: 'crlf',
  triggers: CharClass.CONTROL,
  detect(text, lower, valueKind) {
    // A whole unsplit body is multi-line text like a body field.
    const kind = valueKind === 'document' ? 'body' : valueKind;
    let best: Detection | undefined;
    const take = (score: number, ruleId: string, at: number): void => {
      best = strongerDetection(best, { score, ruleId, evidence: excerpt(text, at) });
    };
    if (kind === 'header' || kind === 'cookie')
      take(0.85, 'crlf-in-header', Math.max(0, lower.search(/[\r\n]/)));
    for (const m of lower.matchAll(HEADER_LINE)) {
      const name = m[1] as string;
      const crlf = m[0].startsWith('\r');
      const known = RESPONSE_HEADERS.has(name) || name.startsWith('x-');
      take(
        known ? (crlf || kind !== 'body' ? 0.9 : 0.6) : crlf && kind !== 'body' ? 0.6 : 0.4,
        'crlf-header-injection',
        m.index,
      );
    }
    const status = /[\r\n]http\/[12]/.exec(lower);
    if (status !== null) take(0.9, 'crlf-response-splitting', status.index);
    const body = lower.indexOf('\r\n\r\n');
    if (body >= 0 && /^\s*</.test(lower.slice(body + 4))) take(0.85, 'crlf-response-splitting', body);
    const log = LOG_LINE.exec(lower);
    if (log !== null) take(kind === 'body' ? 0.5 : 0.75, 'crlf-log-forging', log.index);
    if (kind !== 'body' && lower.includes('\r')) take(0.5, 'crlf-carriage-return', lower.indexOf('\r'));
    return best;
  },
};
