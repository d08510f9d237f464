import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';

/** PHP functions that execute code or commands, read or write files, or disclose the environment. */
const EXEC_FUNCTIONS = new Set(
  (
    'system exec shell_exec passthru popen proc_open pcntl_exec eval assert create_function call_user_func ' +
    'call_user_func_array preg_replace base64_decode gzinflate gzuncompress gzdecode str_rot13 ' +
    'file_get_contents file_put_contents fopen fwrite fputs readfile file unlink phpinfo php_uname phpversion ' +
    'fsockopen pfsockopen curl_exec curl_init highlight_file show_source move_uploaded_file unserialize ' +
    'extract parse_str putenv getenv ini_set ini_get symlink posix_getpwuid posix_kill posix_mkfifo ' +
    'get_current_user getcwd scandir opendir glob array_map array_filter array_walk usort uasort uksort ' +
    'register_shutdown_function register_tick_function ob_start mb_ereg_replace var_dump print_r ' +
    'include include_once require require_once chmod chown mkdir rmdir copy rename tempnam tmpfile ' +
    'stream_get_contents stream_socket_client mail dl escapeshellcmd gethostbyname header serialize ' +
    'get_defined_vars get_defined_functions get_defined_constants function_exists class_exists ' +
    'substr strrev chr ord hex2bin bin2hex array_diff implode explode str_replace'
  ).split(' '),
);

/** Names that are also English words: they need a PHP-looking argument. */
const ENGLISH = new Set([
  'system',
  'exec',
  'file',
  'include',
  'require',
  'copy',
  'rename',
  'mail',
  'header',
  'extract',
  'assert',
  'eval',
  'glob',
  'dl',
]);

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
  gate: /<\?|\$_|\$globals|:\/\/|\(|\$\s*\{/,
  detect(text, lower) {
    let best: Detection | undefined;
    const take = (score: number, ruleId: string, at: number): void => {
      best = strongerDetection(best, { score, ruleId, evidence: excerpt(text, at) });
    };
    const open = lower.search(/<\?(?:php|=)/);
    if (open >= 0) take(0.9, 'php-open-tag', open);
    else {
      const short = /<\?\s+[a-z$_]/.exec(lower);
      if (short !== null) take(0.65, 'php-open-tag', short.index);
    }
    const global = SUPERGLOBAL.exec(lower);
    if (global !== null) take(0.85, 'php-superglobal', global.index);
    const wrapper = WRAPPER.exec(lower);
    if (wrapper !== null) take(0.9, 'php-stream-wrapper', wrapper.index);
    if (lower.includes('(')) {
      for (const m of lower.matchAll(CALL)) {
        const name = m[1] as string;
        if (!EXEC_FUNCTIONS.has(name)) continue;
        const before = m.index > 0 ? (lower[m.index - 1] as string) : ' ';
        if (/[a-z0-9_.$>-]/.test(before) && before !== '-') continue; // part of a longer name or a method call
        const arg = (m[2] as string).trim();
        const phpish = arg === '' || /^[$'"`_]|[$/\\]|\(|^\d+$|\.(?:php|txt|ini|log)/.test(arg);
        const score = phpish ? (ENGLISH.has(name) && arg === '' ? 0.6 : 0.8) : ENGLISH.has(name) ? 0.4 : 0.6;
        take(score, 'php-function-call', m.index);
        if (score >= 0.8) break;
      }
      const variable =
        /\$[a-z_][a-z0-9_]{0,40}\s*\(|\$\s*\{[^}]{0,100}\}\s*\(|\[\s*['"]?[a-z_]+['"]?\s*\]\s*\[\s*\d\s*\]\s*\(/.exec(
          lower,
        );
      if (variable !== null) take(0.75, 'php-variable-function', variable.index);
    }
    const varvar = /\$\s*\{\s*['"$@]/.exec(lower);
    if (varvar !== null) take(0.75, 'php-variable-variable', varvar.index);
    const include = REMOTE_INCLUDE.exec(lower);
    if (include !== null) take(0.8, 'php-remote-include', include.index);
    const ipScript = IP_HOST_SCRIPT.exec(lower);
    if (ipScript !== null) take(0.75, 'php-remote-include', ipScript.index);
    return best;
  },
};
