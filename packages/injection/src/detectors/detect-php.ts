import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';
import {
  ENGLISH_PHP_FUNCTION_NAMES,
  PHP_EXECUTION_FUNCTION_NAMES,
  PHP_FUNCTION_NAMES,
  PHP_INI_DIRECTIVES,
} from './php-function-names.js';

const EXEC_FUNCTIONS = PHP_FUNCTION_NAMES;
const ENGLISH = ENGLISH_PHP_FUNCTION_NAMES;

/** Extensions the PHP handler of a web server executes (Apache's default `.ph(p[3-8]?|t|tml|ar|ps)` and kin). */
const PHP_EXTENSION =
  /\.\s*(?:php[0-9]?|phtml|pht|phpt|phps|phar|inc|hphp|ctp|module)(?:[.\s]*|\.(?:bak|txt|old|swp|orig))$|[.-_]php\.(?:bak|txt|old|orig)$/;
/** PHP session files (`sess_<id>`): uploading one plants a serialized session. */
const SESSION_FILE = /(?:^|[/\\])sess_[a-z0-9,-]{20,}$/;
/**
 * Short open tags and BBCode-style PHP blocks: `<?` followed by space, `=`, `$`, `(` or the end, `[php]`, `{php}`.
 * Processing instructions (`<?xml`, `<?xpacket`, `<?xsl-stylesheet`) name a target right after `<?`.
 */
const OPEN_TAG = /<\?(?=[\s=$(]|$)|[[{]\/?php[\]}]/;
/** A variable holding a callable, called (`$f(…)`, `$__[o](4)`, `$a/*c*\/()`, `${'a'}(…)`). */
const VARIABLE_CALL =
  /\$+[a-z_][a-z0-9_]{0,40}(?:\s|\/\*[^*]{0,100}\*\/|#[^\n]{0,100}\n|\/\/[^\n]{0,100}\n|\[[^\]\n]{0,40}\]|\{[^}\n]{0,40}\})*\(/;
/** An expression called as a function: `(system)('id')`, `"system"(ls)`, `('sys'.'tem')(…)`. */
const EXPRESSION_CALL = /[)'"\]}]\s*(?:\/\*[^*]{0,100}\*\/\s*)*\(/;
const INI_SETTING = /^\s*([a-z_][a-z0-9_.]{1,60})\s*=\s*\S/;

const CALL =
  /([a-z_][a-z0-9_]{1,40})(?:\s|\/\*[^*]{0,200}\*\/|#[^\n]{0,200}\n|\/\/[^\n]{0,200}\n)*\(([^()]{0,120})/g;
const WRAPPER =
  /\b(?:php|phar|expect|zip|zlib|glob|compress\.zlib|compress\.bzip2|ogg|rar|ssh2\.[a-z]+):\/\//;
const SUPERGLOBAL =
  /\$_(?:get|post|request|cookie|server|files|env|session)\b|\$globals\b|\$http_raw_post_data/;
const REMOTE_INCLUDE = /(?:https?|ftps?):\/\/[^\s?#]{1,200}\.(?:php\d?|txt|inc|phtml|sh|pl|jsp|aspx?)\?/;
const IP_HOST_SCRIPT =
  /(?:https?|ftps?):\/\/(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]|[0-9a-f]{0,4}:[0-9a-f:]{2,40})(?::\d+)?\/[^\s?#]{0,200}\.(?:php\d?|txt|inc|phtml)\b/;

/**
 * PHP code injection (CRS 933 family) and remote file inclusion (931): open tags (`<?php`, `<?=`), superglobals,
 * stream wrappers (`php://filter`, `phar://`, `expect://`, `zip://`), calls to dangerous functions even with
 * comments between the name and the parenthesis (`exec/**\/(…)`, `exec#\n(…)`), variable functions (`$f(…)`,
 * `${…}(…)`), variable variables (`${'a'.'b'}`), and include URLs that end in `?` or point at a script on a bare
 * IP address. Function names that are English words need a PHP-looking argument (`$x`, a quote, a path).
 */
export const phpDetector: InjectionDetector = {
  class: 'php',
  triggers:
    CharClass.ANGLE |
    CharClass.DOLLAR |
    CharClass.PAREN |
    CharClass.BRACKET |
    CharClass.BRACE |
    CharClass.EQUALS,
  prefilter: (lower, kind) => kind === 'filename' || lower.includes('://'),
  detect(text, lower, kind) {
    let best: Detection | undefined;
    const take = (score: number, ruleId: string, at: number): void => {
      best = strongerDetection(best, { score, ruleId, evidence: excerpt(text, at) });
    };
    if (kind === 'filename') {
      const ext = PHP_EXTENSION.exec(lower.trimEnd());
      if (ext !== null) take(0.85, 'php-script-upload', ext.index);
      const session = SESSION_FILE.exec(lower.trim());
      if (session !== null) take(0.8, 'php-session-upload', session.index);
    }
    const open = lower.search(/<\?(?:php|=)/);
    if (open >= 0) take(0.9, 'php-open-tag', open);
    else if (lower.includes('<?') || lower.includes('php')) {
      const tag = OPEN_TAG.exec(lower);
      // In a whole XML body `<?xml-stylesheet …?>` and other processing instructions are normal.
      if (
        tag !== null &&
        !((kind === 'body' || kind === 'document') && lower.trimStart().startsWith('<?xml'))
      )
        take(0.8, 'php-open-tag', tag.index);
    }
    if (lower.includes('=')) {
      const ini = INI_SETTING.exec(lower);
      if (ini !== null && PHP_INI_DIRECTIVES.has(ini[1] as string) && !lower.includes('&'))
        take(0.75, 'php-ini-directive', 0);
    }
    const global = SUPERGLOBAL.exec(lower);
    if (global !== null) take(0.85, 'php-superglobal', global.index);
    const wrapper = WRAPPER.exec(lower);
    if (wrapper !== null) take(0.9, 'php-stream-wrapper', wrapper.index);
    if (lower.includes('(')) {
      for (const m of lower.matchAll(CALL)) {
        const name = m[1] as string;
        if (!EXEC_FUNCTIONS.has(name) && !ENGLISH.has(name)) continue;
        const before = m.index > 0 ? (lower[m.index - 1] as string) : ' ';
        if (/[a-z0-9_.$>-]/.test(before) && before !== '-') continue; // part of a longer name or a method call
        const arg = (m[2] as string).trim();
        const phpish = arg === '' || /^[$'"`_]|[$/\\]|\(|^\d+$|\.(?:php|txt|ini|log)/.test(arg);
        const spaced = m[0].length > name.length + 1 + (m[2] as string).length;
        const score = ENGLISH.has(name)
          ? phpish
            ? arg === ''
              ? 0.6
              : 0.8
            : // `exec (blah)` as the whole value; in prose ("the exec (CEO) team") it is a word.
              spaced && m.index === 0 && PHP_EXECUTION_FUNCTION_NAMES.has(name) && /^[a-z0-9_]+$/.test(arg)
              ? 0.75
              : 0.4
          : 0.8;
        take(score, 'php-function-call', m.index);
        if (score >= 0.8) break;
      }
      const variable = lower.includes('$')
        ? (VARIABLE_CALL.exec(lower) ??
          /\$\s*\{[^}]{0,100}\}\s*\(|\[\s*['"]?[a-z_]+['"]?\s*\]\s*\[\s*\d\s*\]\s*\(/.exec(lower))
        : /\[\s*['"]?[a-z_]+['"]?\s*\]\s*\[\s*\d\s*\]\s*\(/.exec(lower);
      if (variable !== null) take(0.8, 'php-variable-function', variable.index);
      const expression = EXPRESSION_CALL.exec(lower);
      if (expression !== null && /['";]/.test(lower)) {
        const collapsed = lower.replace(/\/\*[^*]{0,100}\*\/|\\x73|[\s'".()[\]{}+]/g, (m) =>
          m === '\\x73' ? 's' : '',
        );
        for (const name of PHP_EXECUTION_FUNCTION_NAMES)
          if (collapsed.includes(name)) {
            take(0.8, 'php-expression-call', expression.index);
            break;
          }
      }
    }
    const varvar = /\$\s*\{\s*['"$@]/.exec(lower);
    if (varvar !== null) take(0.75, 'php-variable-variable', varvar.index);
    // A whole value that is a URL ending in `?` (the rest of the include path becomes its query string), or an FTP
    // or HTTP URL to a bare IPv4 address: the shapes remote file inclusion takes (CRS 931100/931120).
    if (/^\s*(?:https?|ftps?|file):\/\/\S*\?+\s*$/.test(lower)) take(0.75, 'php-remote-include', 0);
    if (/^\s*(?:https?|ftps?):\/\/(?:[^/@\s]*@)?\d{1,3}(?:\.\d{1,3}){3}(?:[:/]\S*)?\s*$/.test(lower))
      take(0.7, 'php-remote-include', 0);
    const include = REMOTE_INCLUDE.exec(lower);
    if (include !== null) take(0.8, 'php-remote-include', include.index);
    const ipScript = IP_HOST_SCRIPT.exec(lower);
    if (ipScript !== null) take(0.75, 'php-remote-include', ipScript.index);
    return best;
  },
};
