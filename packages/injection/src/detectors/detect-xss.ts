import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';

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

/** Event-handler attributes (DOM Level 0 names). Unknown `on…` names still score, lower. */
const EVENTS = new Set(
  (
    'abort activate afterprint animationend animationiteration animationstart auxclick beforeactivate beforecopy ' +
    'beforecut beforeinput beforepaste beforeprint beforeunload begin blur bounce canplay canplaythrough change ' +
    'click close contextmenu copy cuechange cut dblclick drag dragend dragenter dragleave dragover dragstart drop ' +
    'durationchange end ended error finish focus focusin focusout formdata fullscreenchange hashchange input ' +
    'invalid keydown keypress keyup load loadeddata loadedmetadata loadend loadstart message mousedown ' +
    'mouseenter mouseleave mousemove mouseout mouseover mouseup mousewheel offline online pagehide pageshow paste ' +
    'pause play playing pointerdown pointerenter pointerleave pointermove pointerout pointerover pointerup ' +
    'popstate progress propertychange ratechange readystatechange repeat reset resize scroll scrollend search ' +
    'seeked seeking select selectionchange selectstart show stalled start storage submit suspend timeupdate ' +
    'toggle touchend touchmove touchstart transitioncancel transitionend transitionrun transitionstart unload ' +
    'volumechange waiting wheel'
  ).split(' '),
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
const EVENT_ATTR = /(^|[\s"'`/;])on([a-z]{3,48})\s*=/g;
const ATTRIBUTE_BREAKOUT =
  /["'`]\s*(?:formaction|srcdoc|xlink:href|src|href|action|style|background|dynsrc|lowsrc|poster)\s*=/;
const CSS_SCRIPT_URL = /url\s*\(\s*['"]?\s*(?:java|vb)script/;
// Browsers drop tabs and newlines inside a scheme, and entities were decoded by an earlier layer.
const SCRIPT_URL =
  /(?:j[\t\n\r]*a[\t\n\r]*v[\t\n\r]*a|v[\t\n\r]*b|l[\t\n\r]*i[\t\n\r]*v[\t\n\r]*e)[\t\n\r]*s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t[\t\n\r]*:( ?)/g;
/** Tag + attribute pairs that act without script: refresh redirects, base URL hijack, stylesheet/import loads. */
const ACTIVE_ATTRIBUTE =
  /<meta\b[^>]{0,200}\b(?:http-equiv|charset)\s*=|<base\b[^>]{0,200}\bhref\s*\/?\s*=?|<link\b[^>]{0,200}\b(?:href|rel)\b|<\?import\b/;
/** Property access on a browser global after JS comments and spaces are removed: document.cookie, window["alert"]. */
const GLOBAL_ACCESS =
  /(?:^|[^a-z0-9_$])\(?(?:document|window|self|top|parent|frames|globalthis|this)\)?(?:\.|\[["'`])(?:cookie|domain|location|write|alert|eval|prompt|confirm|open|fetch|createelement|body|queryselector|localstorage|sessionstorage|document|atob)|\[["'`](?:alert|eval|prompt|confirm|constructor)["'`]\]/;
/(?:java|vb|live)[\t\n\r]*s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t[\t\n\r]*:(\s?)/g;
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
    if (hasLt)
      for (const m of lower.matchAll(TAG)) {
        const name = m[1] as string;
        const executing = EXECUTING_TAGS.has(name);
        best = strongerDetection(best, {
          score: executing ? 0.9 : ACTIVE_TAGS.has(name) ? 0.45 : 0.3,
          ruleId: executing ? 'xss-dangerous-tag' : 'xss-html-tag',
          evidence: excerpt(text, m.index),
        });
        if ((best?.score ?? 0) >= 0.9) break;
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
    if (hasEq && lower.includes('on'))
      for (const m of lower.matchAll(EVENT_ATTR)) {
        const known = EVENTS.has(m[2] as string);
        // An unknown on…= right after a space, quote or slash is still an attribute; at the start of a value it
        // is more likely a word ("online=true").
        best = strongerDetection(best, {
          score: known ? 0.85 : m[1] === '' ? 0.5 : 0.7,
          ruleId: 'xss-event-handler',
          evidence: excerpt(text, m.index),
        });
      }
    if (lower.includes('script') || (lower.includes(':') && /[\t\n\r]/.test(lower)))
      for (const m of lower.matchAll(SCRIPT_URL)) {
        // "JavaScript: The Good Parts" has a space after the colon; a script URL does not need one.
        const spaced = m[1] !== '';
        const at = m.index + m[0].length;
        const body = lower.slice(at, at + 200);
        // Tabs or newlines inside the scheme are only ever there to slip past filters.
        const hidden = /[\t\n\r]/.test(m[0].slice(0, -1 - (m[1] as string).length));
        const score = hidden ? 0.85 : spaced ? (/[(`=]/.test(body) ? 0.7 : 0) : 0.85;
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
    const attribute = hasEq ? ATTRIBUTE_BREAKOUT.exec(lower) : null;
    if (attribute !== null)
      best = strongerDetection(best, {
        score: 0.7,
        ruleId: 'xss-attribute-breakout',
        evidence: excerpt(text, attribute.index),
      });
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
