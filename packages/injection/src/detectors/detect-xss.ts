import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';
import { EVENT_HANDLER_NAMES } from './event-handler-names.js';
import { isActiveCss } from './is-active-css.js';
import { scoreHtmlAttribute } from './score-html-attribute.js';
import { tokenizeHtmlAttributes } from './tokenize-html-attributes.js';

/** Elements that run script or load active content by themselves, with no event handler or script URL needed. */
const EXECUTING_TAGS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'vmlframe',
  'isindex',
  'bgsound',
]);

/**
 * Elements that are dangerous with an attribute (covered by the event-handler and script-URL rules) but are also
 * ordinary element names in XML APIs (RSS has <link> and <image>), so on their own they score only 0.45.
 */
const ACTIVE_TAGS = new Set(
  'svg math base meta link style form input button textarea img image video audio source body html marquee details template animate set handler import layer ilayer keygen noscript listener xss dialog'.split(
    ' ',
  ),
);

/** Words that make an XSS without markup punctuation: DOM globals and UTF-7 encoded markup. */
const XSS_WORDS = /document|window|\+adw-|cookie|location|constructor|reflect|\.call|\.apply/;

const TAG = /<\/?(?:\s*[a-z][a-z0-9-]{0,20}\s*:\s*|:)?([a-z][a-z0-9-]{0,30})(?=[\s/>:]|$)/g;
/** A tag name with spaces between its letters (`<f o r m`), which some parsers and filters collapse. */
const SPACED_TAG = /<\s*((?:[a-z]\s+){2,}[a-z])(?![a-z])/;
/** Namespace declarations and XLink on injected markup: foreign-content tricks (SVG, VML, XLink, XInclude, schemas). */
const NAMESPACE_ATTRIBUTE =
  /<[a-z][a-z0-9:-]{0,30}\s[^>]{0,400}\b(?:xmlns(?::[a-z0-9]+)?|xlink:href|xsi:schemalocation)\s*=\s*["']?(?:https?:|javascript:|data:)/;
/** Tagged templates and `call`/`apply` gadgets that run a function without parentheses: [].sort.call`${alert}1`. */
const PARENLESS_CALL =
  /[a-z\])]\.(?:call|apply|bind)`|reflect\.[a-z]+(?:\.[a-z]+)?(?:`|\()|\$\{(?:alert|prompt|confirm|eval|print|navigation\.navigate)\}/;
/** A tag written with ¼ and ¾ for < and > (read as markup by a 7-bit decoder). */
const ASCII7_TAG = /\u00bc\/?[a-z][^\u00bc\u00be<>]{0,200}\u00be/;
/**
 * A value that starts by closing the context it was put in (an attribute and its tag, a comment, a CDATA section,
 * or a raw-text element such as <textarea> or <title>) and then opens markup: `"><b>`, `--><img …>`,
 * `</textarea><…`. Whole documents are exempt: closing tags are normal there.
 */
const CONTEXT_BREAKOUT =
  /^\s*(?:["'`]\s*\/?>|--!?>|\]\]>|<\/(?:script|textarea|title|style|noscript|xmp|iframe|noembed|noframes|plaintext|template)\s*>)\s*<[a-z!/?]/;
/** Most start tags read attribute by attribute in one value. */
const MAX_TAGS = 64;
const EVENT_ATTR = /(^|[\s"'`/;])on([a-z]{3,48})\s*=/g;
const ATTRIBUTE_BREAKOUT =
  /["'`]\s*(?:formaction|srcdoc|xlink:href|src|href|action|style|background|dynsrc|lowsrc|poster)\s*=/g;
const CSS_SCRIPT_URL = /url\s*\(\s*['"]?\s*(?:java|vb)script/;
// Browsers drop tabs and newlines inside a scheme, and entities were decoded by an earlier layer.
const SCRIPT_URL =
  /(?:j[\t\n\r]*a[\t\n\r]*v[\t\n\r]*a|v[\t\n\r]*b|l[\t\n\r]*i[\t\n\r]*v[\t\n\r]*e)[\t\n\r]*s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t[\t\n\r]*:( ?)/g;
/** Tag + attribute pairs that act without script: refresh redirects, base URL hijack, stylesheet/import loads. */
const ACTIVE_ATTRIBUTE =
  /<meta\b[^>]{0,200}\b(?:http-equiv|charset)\s*=|<base\b[^>]{0,200}\bhref\s*\/?\s*=?|<link\b[^>]{0,200}\b(?:href|rel)\b|<\?import\b|<import[^>]{0,200}?implementation/;
/** Property access on a browser global after JS comments and spaces are removed: document.cookie, window["alert"]. */
const GLOBAL_ACCESS =
  /(?:^|[^a-z0-9_$])\(?(?:document|window|self|top|parent|frames|globalthis|this)\)?(?:\.|\[["'`])(?:cookie|domain|location|write|alert|eval|prompt|confirm|open|fetch|createelement|body|queryselector|localstorage|sessionstorage|document|atob)|\[["'`](?:alert|eval|prompt|confirm|constructor)["'`]\]/;
const DATA_URL =
  /data:\s*(?:,\s*<|text\/html|image\/svg\+xml|application\/(?:x-)?(?:xhtml|javascript|ecmascript))/;
const JS_SINK =
  /(?:^|[^a-z0-9_$])(?:alert|prompt|confirm|eval|settimeout|setinterval|fromcharcode|atob|btoa|import)\s*(?:\(|`)|(?:^|[^a-z0-9_$.])(?:document|window)\.[a-z]|\.constructor\s*\(|new\s+function\s*\(|\.innerhtml\s*=|location\s*\.\s*(?:href|hash)\s*=|top\s*\[|self\s*\[/g;
const CSS_SCRIPT = /expression\s*\(|-moz-binding|behavior\s*:|@import/;

/** Longest run of JSFuck characters (`[]()!+`, spaces allowed: form decoding turns `+` into a space). */
function jsfuckRun(text: string): number {
  let run = 0;
  let best = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (
      c === '[' ||
      c === ']' ||
      c === '(' ||
      c === ')' ||
      c === '!' ||
      c === '+' ||
      (c === ' ' && run > 0)
    ) {
      if (c !== ' ') run++;
      if (run > best) best = run;
    } else run = 0;
  }
  return best;
}

/**
 * Cross-site scripting: HTML tags (elements that execute by themselves score high; others need an event handler or a script URL,
 * and score 0.3–0.45 on their own), event-handler
 * attributes with or without a tag (attribute breakout), `javascript:`/`vbscript:` and HTML/SVG `data:` URLs,
 * script sinks (`alert(`, `document.cookie`, `constructor(`), CSS expressions, JSFuck, and SSI directives.
 * "a < b and c > d" is not a tag: a tag name must follow `<` immediately.
 */
export const xssDetector: InjectionDetector = {
  class: 'xss',
  triggers:
    CharClass.ANGLE |
    CharClass.QUOTE |
    CharClass.PAREN |
    CharClass.COLON |
    CharClass.EQUALS |
    CharClass.BRACKET |
    CharClass.PLUS,
  prefilter: (lower) => XSS_WORDS.test(lower),
  detect(text, lower, kind) {
    let best: Detection | undefined;
    const hasLt = lower.includes('<');
    // A file name ("document.pdf") is not script; only markup and script URLs count there.
    if (kind === 'filename' && !hasLt && !lower.includes('script')) return undefined;
    const hasEq = lower.includes('=');
    // Start tags are read attribute by attribute (tokenizeHtmlAttributes): each attribute is scored on its own, and
    // the tags' spans tell quotes inside well-formed markup (`<div class="a" style="…">`) from a value that breaks
    // out of an attribute (`" style=…`).
    let spans: number[] | undefined;
    if (hasLt) {
      let tags = 0;
      for (const m of lower.matchAll(TAG)) {
        const name = m[1] as string;
        const executing = EXECUTING_TAGS.has(name);
        best = strongerDetection(best, {
          score: executing ? 0.9 : ACTIVE_TAGS.has(name) ? 0.45 : 0.3,
          ruleId: executing ? 'xss-dangerous-tag' : 'xss-html-tag',
          evidence: excerpt(text, m.index),
        });
        if ((best?.score ?? 0) >= 0.9 || ++tags > MAX_TAGS) break;
        if (m[0].charCodeAt(1) === 47 /* / */) continue;
        const list = tokenizeHtmlAttributes(lower, m.index + m[0].length);
        spans ??= [];
        spans.push(m.index, list.end);
        for (const attribute of list.attributes) {
          const verdict = scoreHtmlAttribute(name, attribute);
          if (verdict !== undefined)
            best = strongerDetection(best, { ...verdict, evidence: excerpt(text, attribute.start) });
        }
        if (name === 'style' && list.closed) {
          // The style sheet itself: escapes (`\65 xpression`) and active CSS have no place in injected markup.
          const close = lower.indexOf('</style', list.end);
          const css = lower.slice(list.end, Math.min(close < 0 ? lower.length : close, list.end + 1024));
          if (css.includes('\\') || isActiveCss(css))
            best = strongerDetection(best, {
              score: 0.75,
              ruleId: 'xss-css-script',
              evidence: excerpt(text, m.index),
            });
        }
      }
    }
    if (hasLt && kind !== 'document' && lower.includes('>')) {
      const breakout = CONTEXT_BREAKOUT.exec(lower);
      if (breakout !== null)
        best = strongerDetection(best, {
          score: 0.75,
          ruleId: 'xss-context-breakout',
          evidence: excerpt(text, breakout.index),
        });
    }
    if (hasLt) {
      const spaced = SPACED_TAG.exec(lower);
      if (spaced !== null) {
        const name = (spaced[1] as string).replace(/\s+/g, '');
        if (EXECUTING_TAGS.has(name) || ACTIVE_TAGS.has(name))
          best = strongerDetection(best, {
            score: 0.8,
            ruleId: 'xss-spaced-tag',
            evidence: excerpt(text, spaced.index),
          });
      }
      if (
        kind !== 'document' &&
        hasEq &&
        (lower.includes('xmlns') || lower.includes('xlink') || lower.includes('xsi:'))
      ) {
        const ns = NAMESPACE_ATTRIBUTE.exec(lower);
        if (ns !== null)
          best = strongerDetection(best, {
            score: 0.75,
            ruleId: 'xss-namespace-attribute',
            evidence: excerpt(text, ns.index),
          });
      }
      const style = /<style\b[^>]{0,100}>\s*(?:@|\\|expression|[a-z-]+\s*:\s*url)/.exec(lower);
      if (style !== null)
        best = strongerDetection(best, {
          score: 0.75,
          ruleId: 'xss-css-script',
          evidence: excerpt(text, style.index),
        });
    }
    if (hasEq && lower.includes('on')) {
      // Computed once, not per match: how many leading characters are separators, and where the first quote is.
      const leadingSeparators = lower.search(/[^\s/]|$/);
      const firstQuote = lower.search(/["'`]/);
      for (const m of lower.matchAll(EVENT_ATTR)) {
        const known = EVENT_HANDLER_NAMES.has(m[2] as string);
        // An unknown on…= is an attribute when only separators precede it, a quote before it closed another
        // attribute, or its value calls something; at the very start of a value or after a plain word it is more
        // likely a word ("online=true", "the onboarding=complete flag"). Inside a tag the tokenizer scored it.
        const after = lower.slice(m.index + m[0].length, m.index + m[0].length + 80);
        const attributeLike =
          m[1] !== '' &&
          (m.index < leadingSeparators ||
            (firstQuote >= 0 && firstQuote <= m.index) ||
            /^[^\s&]*[(`]/.test(after));
        best = strongerDetection(best, {
          score: known ? 0.85 : attributeLike ? 0.7 : 0.5,
          ruleId: 'xss-event-handler',
          evidence: excerpt(text, m.index),
        });
      }
    }
    if (lower.includes('script') || (lower.includes(':') && /[\t\n\r]/.test(lower)))
      for (const m of lower.matchAll(SCRIPT_URL)) {
        // "JavaScript: The Good Parts" has a space after the colon; a script URL does not need one.
        const spaced = m[1] !== '';
        const at = m.index + m[0].length;
        const body = lower.slice(at, at + 200);
        // Tabs or newlines inside the scheme are only ever there to slip past filters.
        const hidden = /[\t\n\r]/.test(m[0].slice(0, -1 - (m[1] as string).length));
        const score = hidden ? 0.85 : spaced ? (/[(`=\\]/.test(body) ? 0.7 : 0) : 0.85;
        if (score > 0)
          best = strongerDetection(best, {
            score,
            ruleId: 'xss-script-url',
            evidence: excerpt(text, m.index),
          });
      }
    const active = hasLt ? ACTIVE_ATTRIBUTE.exec(lower) : null;
    if (active !== null)
      best = strongerDetection(best, {
        score: 0.75,
        ruleId: 'xss-active-attribute',
        evidence: excerpt(text, active.index),
      });
    // Markup whose brackets are ¼ and ¾ (0xBC, 0xBE): a 7-bit (US-ASCII) reading strips the high bit and sees < and >.
    const ascii7 = lower.includes('\u00bc') ? ASCII7_TAG.exec(lower) : null;
    if (ascii7 !== null)
      best = strongerDetection(best, {
        score: 0.75,
        ruleId: 'xss-ascii7-markup',
        evidence: excerpt(text, ascii7.index),
      });
    if (lower.includes('+adw-'))
      best = strongerDetection(best, {
        score: 0.8,
        ruleId: 'xss-utf7',
        evidence: excerpt(text, lower.indexOf('+adw-')),
      });
    if (/[.[`]/.test(lower)) {
      const compact = lower.replace(/\/\*[^*]{0,200}\*\//g, '').replace(/\s+/g, '');
      const parenless = PARENLESS_CALL.exec(compact);
      if (parenless !== null)
        best = strongerDetection(best, {
          score: 0.85,
          ruleId: 'xss-script-sink',
          evidence: excerpt(compact, parenless.index),
        });
      const global = GLOBAL_ACCESS.exec(compact);
      if (global !== null)
        best = strongerDetection(best, {
          score: 0.8,
          ruleId: 'xss-script-sink',
          evidence: excerpt(compact, global.index),
        });
    }
    const data = lower.includes('data:') ? DATA_URL.exec(lower) : null;
    if (data !== null)
      best = strongerDetection(best, {
        score: 0.8,
        ruleId: 'xss-data-url',
        evidence: excerpt(text, data.index),
      });
    if (/[(`[=]|\.[a-z]/.test(lower))
      for (const m of lower.matchAll(JS_SINK)) {
        // A script sink right after a quote or bracket that closes the surrounding context is a breakout.
        const before = lower.slice(Math.max(0, m.index - 3), m.index + 1);
        const breakout = /["'`;>)]/.test(before);
        best = strongerDetection(best, {
          score: breakout ? 0.85 : 0.7,
          ruleId: 'xss-script-sink',
          evidence: excerpt(text, m.index),
        });
        break;
      }
    if (
      text.length >= 6 &&
      (lower.includes('[]') || lower.includes('[ ]')) &&
      (jsfuckRun(text) >= 40 || jsfuckRun(text) >= text.replace(/\s+/g, '').length * 0.8)
    )
      best = strongerDetection(best, { score: 0.9, ruleId: 'xss-jsfuck', evidence: excerpt(text, 0) });
    if (lower.includes('<!--#'))
      best = strongerDetection(best, {
        score: 0.85,
        ruleId: 'xss-ssi-directive',
        evidence: excerpt(text, lower.indexOf('<!--#')),
      });
    let insideTags = 0;
    if (hasEq)
      for (const attribute of lower.matchAll(ATTRIBUTE_BREAKOUT)) {
        // Matches inside well-formed tags are ordinary attributes; the number looked at is bounded.
        if (within(spans, attribute.index)) {
          if (++insideTags > MAX_TAGS) break;
          continue;
        }
        best = strongerDetection(best, {
          score: 0.7,
          ruleId: 'xss-attribute-breakout',
          evidence: excerpt(text, attribute.index),
        });
        break;
      }
    const cssUrl = lower.includes('url') ? CSS_SCRIPT_URL.exec(lower) : null;
    if (cssUrl !== null)
      best = strongerDetection(best, {
        score: 0.85,
        ruleId: 'xss-css-script',
        evidence: excerpt(text, cssUrl.index),
      });
    if (
      lower.includes('style') ||
      lower.includes('expression') ||
      lower.includes('@import') ||
      lower.includes('binding') ||
      lower.includes('behavior')
    ) {
      const css = CSS_SCRIPT.exec(lower);
      if (css !== null)
        best = strongerDetection(best, {
          score: 0.7,
          ruleId: 'xss-css-script',
          evidence: excerpt(text, css.index),
        });
    }
    return best;
  },
};

/** True when `index` falls inside one of the `[start, end)` pairs of `spans`. */
function within(spans: readonly number[] | undefined, index: number): boolean {
  if (spans === undefined) return false;
  for (let i = 0; i < spans.length; i += 2)
    if (index >= (spans[i] as number) && index < (spans[i + 1] as number)) return true;
  return false;
}
