import { CharClass } from '../prefilter/char-class.js';
import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';

/** Files and directories an attacker reads once traversal works (Unix, Windows, application secrets). */
const SENSITIVE =
  /(?:^|[/\\])(?:etc[/\\](?:passwd|shadow|group|subuid|subgid|gshadow|hosts|issue|hostname|crontab|sudoers|master\.passwd|security[/\\]|ssh[/\\]|mysql[/\\]|apache2?[/\\]|nginx[/\\]|httpd[/\\]|php[/\\0-9.]*[/\\]|resolv\.conf|motd|fstab|profile|environment|os-release|inittab|init\.d[/\\]|rc\.d[/\\]|cron)|proc[/\\](?:self|\d+)[/\\]|proc[/\\](?:version|cmdline|mounts|net[/\\]|interrupts|cpuinfo|meminfo|sched_debug)|sys[/\\](?:class|kernel|devices|firmware|power)(?:[/\\]|$)|var[/\\](?:log|run[/\\]secrets|lib[/\\](?:mysql|docker)|mail|spool|www)[/\\]|root[/\\]|home[/\\][^/\\]+[/\\]\.|usr[/\\]local[/\\]|windows[/\\](?:win\.ini|system\.ini|system32|repair|debug|panther)|winnt[/\\]|boot\.ini|inetpub[/\\]|\.ssh[/\\]|\.aws[/\\]|\.kube[/\\]|\.docker[/\\]|\.gnupg[/\\]|\.git[/\\]|\.svn[/\\]|\.env(?:\.[a-z]+)?$|\.htaccess|\.htpasswd|\.bash_history|\.bashrc|\.profile$|\.netrc|\.pgpass|\.npmrc|\.pypirc|\.mysql_history|web\.config|wp-config\.php|id_rsa|id_dsa|id_ecdsa|id_ed25519|authorized_keys|known_hosts|dev[/\\](?:null|zero|random|stdin|fd[/\\]))/;

/**
 * Files a server keeps but never serves: database dumps and backups (group 1), and application logs. A request for
 * one by name is forced browsing for leaked data.
 */
const RESTRICTED_FILE =
  /(?:^|[/\\])[^/\\]{0,80}(\.(?:sql|bak|old|orig|swp|dump|backup|mdb|sqlite3?)(?:\.(?:zip|gz|tgz|tar|7z|rar|bz2|xz))?)$|(?:^|[/\\])(?:debug|errors?|access|php_errors?|laravel)\.log$/;

const WINDOWS_ABSOLUTE = /(?:^|[^a-z])[a-z]:[/\\]+(?:windows|winnt|boot\.ini|inetpub)/;

/** Counts `../` and `..\` steps, including `..;/` (Tomcat) and `....//` (filters that strip `../` once). */
function countTraversals(text: string): { count: number; first: number; leading: boolean } {
  let count = 0;
  let first = -1;
  let leading = false;
  let i = text.indexOf('..');
  while (i >= 0) {
    let j = i;
    while (text[j] === '.') j++;
    if (text[j] === ';') j++;
    const sep = text[j];
    const before = i === 0 ? '/' : text[i - 1];
    if (
      (sep === '/' || sep === '\\' || j === text.length) &&
      (before === '/' ||
        before === '\\' ||
        before === '=' ||
        i === 0 ||
        before === ' ' ||
        before === '"' ||
        before === "'" ||
        before === ':')
    ) {
      if (sep !== undefined || count > 0) {
        count++;
        if (first < 0) first = i;
        if (i === 0 || before === '=' || before === ' ' || before === '"' || before === "'" || before === ':')
          leading = true;
      }
    }
    i = text.indexOf('..', j);
  }
  return { count, first, leading };
}

/**
 * Path traversal and local file inclusion: `../` steps in every encoding (the decoder has already undone URL,
 * double-URL, overlong UTF-8 and `%u` forms; backslashes count as separators), absolute paths to sensitive files
 * (`/etc/passwd`, `/proc/self/environ`, `C:\Windows\win.ini`, `.ssh/id_rsa`, `.env`), `file:` URLs and NUL-byte
 * truncation. One `../` in the middle of a value ("/docs/../api") scores 0.5 (paranoia 2): it is how relative
 * links look. Two or more, or one at the start of a value, score high.
 */
export const pathTraversalDetector: InjectionDetector = {
  class: 'path-traversal',
  triggers: CharClass.SLASH | CharClass.BACKSLASH | CharClass.CONTROL,
  prefilter: (lower, kind) =>
    lower.includes('..') || lower.includes('0x') || kind === 'path' || RESTRICTED_FILE.test(lower),
  detect(text, lower, kind) {
    let best: Detection | undefined;
    const take = (score: number, ruleId: string, at: number): void => {
      best = strongerDetection(best, { score, ruleId, evidence: excerpt(text, at) });
    };
    let normalized = lower.includes('\\\\') ? lower.replace(/\\{2,}/g, '\\') : lower;
    // Hex-notated dots and separators (`0x2e0x2e0x2f`, `0x5c0x2e.`) that a lenient decoder turns back into `../`.
    const hexed = normalized.includes('0x') && /(?:0x(?:2e|2f|5c)|[./\\]){2,}/.test(normalized);
    if (hexed)
      normalized = normalized.replace(/0x(2e|2f|5c)/g, (_, h: string) =>
        h === '2e' ? '.' : h === '2f' ? '/' : '\\',
      );
    if (normalized.includes('\0')) normalized = normalized.replace(/\.\.\0+(?=[/\\])/g, '..');
    if (normalized.includes('..')) {
      const steps = countTraversals(normalized);
      if (steps.count >= 2) take(0.9, 'path-traversal-dot-dot', steps.first);
      else if (steps.count === 1 && hexed) take(0.8, 'path-traversal-dot-dot', steps.first);
      else if (steps.count === 1)
        take(steps.leading && kind !== 'path' ? 0.75 : 0.5, 'path-traversal-dot-dot', steps.first);
      if (steps.count >= 1 && SENSITIVE.test(normalized))
        take(0.95, 'path-traversal-sensitive-file', steps.first);
    }
    const sensitive = SENSITIVE.exec(normalized);
    if (sensitive !== null) {
      // An absolute path to a secret, or a secret file named in a parameter; in the URL path only dot-files count.
      const absolute = sensitive[0].startsWith('/') || sensitive[0].startsWith('\\');
      const dotfile = /^[/\\]?\./.test(sensitive[0]);
      if (kind === 'path') {
        // In the URL path: dot-files, and absolute system paths no API route contains (/etc/passwd, /proc/self/).
        if (dotfile || /^[/\\](?:etc[/\\]|proc[/\\]|sys[/\\])/.test(sensitive[0]))
          take(0.75, 'path-traversal-sensitive-file', sensitive.index);
      } else take(absolute || dotfile ? 0.8 : 0.6, 'path-traversal-sensitive-file', sensitive.index);
    }
    if (kind === 'path') {
      // A hidden file or directory in the URL path (/.env, /.git/config, /.aws/credentials): APIs do not serve
      // dot-files, except the registered /.well-known/ prefix (RFC 8615).
      const hidden = /\/\.(?!well-known(?:\/|$))[a-z0-9_-]/.exec(normalized);
      if (hidden !== null) take(0.75, 'path-traversal-hidden-file', hidden.index);
    }
    const restricted = RESTRICTED_FILE.exec(normalized);
    if (restricted !== null && (kind === 'path' || restricted[1] !== undefined))
      take(kind === 'path' ? 0.75 : 0.7, 'path-traversal-restricted-file', restricted.index);
    const windows = WINDOWS_ABSOLUTE.exec(normalized);
    if (windows !== null) take(0.8, 'path-traversal-windows-path', windows.index);
    const file = normalized.indexOf('file:');
    if (
      file >= 0 &&
      (file === 0 || !/[a-z0-9]/.test(normalized[file - 1] as string)) &&
      /^file:(?:\/\/|\/|\\)/.test(normalized.slice(file))
    )
      take(0.8, 'path-traversal-file-url', file);
    const nul = normalized.indexOf('\0');
    if (nul >= 0 && /^\0\.?[a-z0-9]{1,5}$/.test(normalized.slice(nul)))
      take(0.7, 'path-traversal-nul-truncation', nul);
    return best;
  },
};
