import { EVENT_HANDLER_NAMES } from './event-handler-names.js';
import { isActiveCss } from './is-active-css.js';
import type { HtmlAttribute } from './tokenize-html-attributes.js';

/** What one attribute of injected markup is worth as cross-site scripting evidence. */
export interface AttributeVerdict {
  readonly score: number;
  readonly ruleId: string;
}

/**
 * Attributes whose value the browser loads or navigates to (HTML, SVG and legacy IE names). `values`, `to`,
 * `from` and `by` are SVG animation values that can set an `href`.
 */
const URL_ATTRIBUTES = new Set(
  'href src action formaction data xlink:href background dynsrc lowsrc poster codebase code longdesc icon manifest ping srcset values to from by folder content'.split(
    ' ',
  ),
);
/** Schemes that run script when navigated to. */
const SCRIPT_SCHEME = /^(?:java|vb|live)script:/;
/** `data:` media types a browser renders as a document or runs as script. */
const ACTIVE_DATA =
  /^data:(?:,\s*<|[^,]{0,60}?(?:text\/html|image\/svg\+xml|application\/(?:x-)?(?:xhtml|javascript|ecmascript)|text\/(?:x-)?(?:javascript|ecmascript|x-scriptlet)))/;
/** SVG animation elements that can rewrite another attribute (an `href`, an event handler) after load. */
const ANIMATION_TAGS = new Set(['animate', 'set', 'animatetransform', 'animatemotion', 'discard']);

/**
 * The value as a URL parser sees its scheme: C0 controls and spaces removed (browsers strip them around a URL and
 * drop tabs and newlines inside it), so `java&#9;script:` and ` &#14; javascript:` read as `javascript:`.
 */
function compactUrl(value: string): string {
  let out = '';
  for (let i = 0; i < value.length && out.length < 80; i++) {
    const c = value.charCodeAt(i);
    if (c > 32) out += value[i];
  }
  return out;
}

/**
 * Scores one attribute of a tag found in a value (`tag` is the lower-case local name, `attribute.name` and
 * `attribute.value` come from lower-cased text): event handlers (0.9 for known events, 0.75 for other `on…`
 * names), URL attributes whose scheme runs script (0.9) or whose `data:` URL is a document or script (0.85),
 * `srcdoc` with markup (0.85), `formaction` (0.75), `style` with CSS that runs script (0.85), and SVG animations
 * that target an `href` or an event handler (0.8). Ordinary attributes (`class`, `title`, `href` to an http URL,
 * `style` with colours) score nothing.
 */
export function scoreHtmlAttribute(tag: string, attribute: HtmlAttribute): AttributeVerdict | undefined {
  const name = attribute.name;
  if (name.length > 2 && name.startsWith('on')) {
    let letters = 2;
    while (letters < name.length && name.charCodeAt(letters) >= 97 && name.charCodeAt(letters) <= 122)
      letters++;
    const event = name.slice(2, letters);
    if (EVENT_HANDLER_NAMES.has(event)) return { score: 0.9, ruleId: 'xss-event-handler' };
    if (event.length >= 3 && letters === name.length) return { score: 0.75, ruleId: 'xss-event-handler' };
  }
  const value = attribute.value;
  if (value === '') return undefined;
  if (URL_ATTRIBUTES.has(name)) {
    const url = compactUrl(value);
    // <meta http-equiv=refresh content="0;url=javascript:…">: the URL follows `url=`.
    const target = name === 'content' ? url.slice(url.indexOf('url=') + 4) : url;
    if (name === 'content' && !url.includes('url=')) return undefined;
    if (SCRIPT_SCHEME.test(target)) return { score: 0.9, ruleId: 'xss-script-url' };
    if (target.startsWith('data:') && (ACTIVE_DATA.test(target) || tag === 'script'))
      return { score: 0.85, ruleId: 'xss-data-url' };
    if (name === 'formaction') return { score: 0.75, ruleId: 'xss-form-action' };
    return undefined;
  }
  if (name === 'srcdoc') return /<[a-z!/?]/.test(value) ? { score: 0.85, ruleId: 'xss-srcdoc' } : undefined;
  if (name === 'style') return isActiveCss(value) ? { score: 0.85, ruleId: 'xss-css-script' } : undefined;
  if (name === 'attributename' && ANIMATION_TAGS.has(tag)) {
    const target = value.trim();
    if (target === 'href' || target === 'xlink:href' || target.startsWith('on'))
      return { score: 0.8, ruleId: 'xss-svg-animation' };
  }
  return undefined;
}
