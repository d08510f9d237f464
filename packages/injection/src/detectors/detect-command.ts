import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { CharClass } from '../prefilter/char-class.js';
import { strongerDetection } from '../stronger-detection.js';
import {
  DEVELOPER_COMMAND_NAMES,
  ENGLISH_COMMAND_NAMES,
  RECON_COMMAND_NAMES,
  SHELL_COMMAND_NAMES,
  WRAPPER_COMMAND_NAMES,
} from './shell-command-names.js';

const STRONG = SHELL_COMMAND_NAMES;
const WEAK = ENGLISH_COMMAND_NAMES;
const RECON = RECON_COMMAND_NAMES;

/** `python3.10` → `python`, `gcc10.1` → `gcc`: version suffixes do not make a different program. */
function baseName(name: string): string {
  const last = name.charCodeAt(name.length - 1);
  if (!(last >= 48 && last <= 57) || STRONG.has(name) || WEAK.has(name)) return name;
  const stripped = name.replace(/[0-9][0-9.]*$/, '');
  return stripped !== '' && (STRONG.has(stripped) || WEAK.has(stripped)) ? stripped : name;
}

/** Characters an attacker puts inside a command name to dodge word lists; the shell drops them. */
const OBFUSCATION_INSIDE = /""|''|\\|\$@|\$\*|\$\$|\$!|\$\?|\$-|\$_|``|\$\(\)|[<>]\(\)|\^|\$\{\}|\[[a-z]\]/;
const MAYBE_OBFUSCATED =
  /""|''|\\|\$[@*$!?_{(-]|``|[<>]\(|\^|\[[a-z]\]|[a-z0-9]["'][a-z0-9]*["']|["'][a-z0-9]+["'][a-z0-9]/;
const OBFUSCATION_CHARS = /""|''|\\|\$[@*$!?_-]|``|\$\(\)|[<>]\(\)|\^|\$\{\}|\[([a-z])\]|["']/g;

/**
 * A word whose letters, once the shell's quote removal and empty expansions are undone, spell a command
 * (`c'a't`, `cu$@rl`, `pi``ng`, `"w"get`, `p""y""t""h""o""n`). A single apostrophe (`I'd`) or quotes around the
 * whole word (`'yes'`) are prose, not obfuscation.
 */
function findObfuscatedCommand(lower: string): number {
  if (!MAYBE_OBFUSCATED.test(lower)) return -1;
  let at = 0;
  for (const word of lower.split(/[\s;|&]+/)) {
    const start = lower.indexOf(word, at);
    at = start + word.length;
    if (word.length < 3 || word.length > 80) continue;
    const quotes = (word.match(/["']/g) ?? []).length;
    const inside = OBFUSCATION_INSIDE.test(word);
    if (!inside && quotes < 2) continue;
    const wrapped = /^(["'])[^"']*\1[.,!?:]*$/.test(word);
    if (wrapped) continue;
    const plain = word.replace(OBFUSCATION_CHARS, (_m, letter: string | undefined) => letter ?? '');
    const name = baseName(plain.replace(/^.*\//, ''));
    if (name.length >= 2 && (STRONG.has(name) || (WEAK.has(name) && name.length >= 3))) return start;
  }
  return -1;
}

const SHELLISH_ARG = /^\s*(?:[-/~.$<>|&;'"`\\({]|[a-z0-9_.-]*\/|$)/;
const PATH_PREFIX =
  /^(?:\/usr\/local\/s?bin\/|\/usr\/s?bin\/|\/s?bin\/|c:\\windows\\system32\\|c:\\windows\\)/;

/** Undoes shell obfuscation: quotes and backslashes inside words, `$@`, `${IFS}`, brace expansion lists. */
function normalizeShell(lower: string): string {
  let text = lower;
  if (text.includes('$')) {
    text = text
      .replace(/\$\{ifs\}|\$ifs\$?\d?|\$\{ifs%\?\?\}/g, ' ')
      .replace(/\$@|\$\*|\$\$|\$\{[^a-z]?\}/g, '')
      .replace(/(?<=[a-z0-9_])\$\(\)(?=[a-z0-9_])/g, '');
  }
  if (text.includes('['))
    text = text.replace(/\[([a-z0-9/])\/*\]/g, '$1').replace(/\[!?[a-z0-9/-]{1,12}\]/g, '?');
  if (text.includes('`') || text.includes('('))
    text = text.replace(/(?<=[a-z0-9_])(?:``|[<>]\(\))(?=[a-z0-9_])/g, '');
  if (/["'\\^]/.test(text))
    text = text
      .replace(/(?<=[a-z0-9_/])(?:""|''|\\|\^)(?=[a-z0-9_/])/g, '')
      .replace(/(?<=[a-z0-9_/])["'](?=[a-z0-9_/]+["'])/g, '');
  if (text.includes('{'))
    text = text.replace(
      /\{([a-z0-9_/.-]+),([^{}]{0,200})\}/g,
      (_, a: string, b: string) => `${a} ${b.replace(/,/g, ' ')}`,
    );
  return /[\t\r\v\f]/.test(text) ? text.replace(/[\t\r\v\f]/g, ' ') : text;
}

/** `[a-z0-9_.+-]`: the characters of a program name. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 43 || c === 45;
}

/** A command word at `at` (after optional spaces and a /bin/-style prefix): its name, or undefined. */
function commandAt(text: string, at: number): { name: string; end: number; prefixed: boolean } | undefined {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '(' || text[i] === '{')) i++;
  const rest = text.slice(i, i + 64);
  const prefix = PATH_PREFIX.exec(rest);
  const start = i + (prefix?.[0].length ?? 0);
  let end = start;
  while (end < text.length && end < start + 32 && isNameChar(text.charCodeAt(end))) end++;
  if (end === start) return undefined;
  // `;base64,` in a data URL, `|key=value`, `&name=`: a word followed by these is not being run.
  const after = text[end];
  if (after === ',' || after === '=' || after === ':' || after === '"' || after === "'") return undefined;
  let name = text.slice(start, end);
  if (name.endsWith('.')) name = name.slice(0, -1);
  return { name: baseName(name), end, prefixed: prefix !== null };
}

/**
 * Index of a glob-obfuscated absolute path such as `/???/c?t` or `/e??/p?ss*`: at least two segments made of
 * letters and wildcards with a `?` among them. -1 when there is none.
 */
function findGlobPath(text: string): number {
  let offset = 0;
  for (const word of text.split(/[\s;|&<>]/)) {
    if (word.startsWith('/') && word.includes('?')) {
      const segments = word.slice(1).split('/');
      const wild = segments.filter((s) => /^[a-z?*[\]]+$/.test(s) && s.includes('?')).length;
      if (segments.length >= 2 && wild >= 1 && segments.every((s) => /^[a-z0-9?*[\]._-]*$/.test(s)))
        return offset;
    }
    offset += word.length + 1;
  }
  return -1;
}

const SHELL_SYNTAX = /[;|&`$\n<>{}%'"\\]/;

const SEPARATOR = /;|\|\|?|&&?|\n|`|\$\(|\$\{/g;

/** An interpreter told to run the code that follows: `sh -c`, `python3 -c`, `perl -e`, `php -r`, `cmd /c`. */
const INLINE_CODE =
  /(?:^|[\s;|&(`'"/])(?:ba|z|k|c|tc|da|a)?sh\s+-[a-z]*c\b|(?:^|[\s;|&(`'"/])(?:python[0-9.]*|pypy|perl|ruby|node|nodejs|lua|php)\s+-[a-z]*[cer]\s|(?:^|[\s;|&(`'"/])cmd(?:\.exe)?\s+\/[ck]\s|(?:^|[\s;|&(`'"/])(?:powershell|pwsh)(?:\.exe)?\s+(?:-[a-z]+\s+){0,4}-(?:c|command|e|enc|encodedcommand)\s/;
/** PowerShell cmdlets and .NET calls used to download and run code. */
const POWERSHELL =
  /invoke-(?:webrequest|expression|restmethod|command|item|wmimethod|shellcode)\b|\biex\s*[(\s]|start-process\s|new-object\s+(?:system\.)?net\.webclient|\.download(?:string|file|data)\s*\(|set-executionpolicy\s|add-mppreference\s|\[system\.convert\]::frombase64string|-encodedcommand\s/;
/** Windows batch control flow: FOR … IN (…) DO …, IF [/I] [NOT] EXIST|DEFINED|ERRORLEVEL …, IF a==b …, %COMSPEC%. */
const BATCH_FOR = /\bfor\b[^%\n]{0,120}%%?[^\s%]{1,30}\s+in\s*\([^)]{0,300}\)\s*do\b/;
const BATCH_IF =
  /(?:^|[&|;(]\s*)if\s*(?:\/i\s*)?(?:not\s+)?(?:(?:exist|defined|errorlevel|cmdextversion)\s+\S|[^\s{}]{1,80}\s*==\s*[^\s{}]|\S{1,80}\s+(?:equ|neq|lss|leq|gtr|geq)\s+\S)/;
const BATCH_VARIABLE =
  /%(?:comspec|systemroot|windir|programfiles|temp|appdata|userprofile|errorlevel|cd|path|username|computername)%|\bgoto\s+:?[a-z_]/;
/** Server-side code in Node.js, Ruby and Perl that reaches the process, the module system or the shell. */
const SERVER_SIDE_CODE =
  /child_process|process\s*\.\s*(?:mainmodule|binding|dlopen|kill|exit)\b|process\s*\[|process\s*\.\s*env\b|require\s*\(\s*['"`](?:child_process|fs|net|vm|os)['"`]\s*\)|require\s*\[|\.exec(?:sync)?\s*\(\s*['"`]|this\s*\.\s*constructor\s*\.\s*constructor|module\s*\.\s*exports\s*=|\bglobal\s*\.\s*process\b|(?:process|kernel|io|open3|pty)\s*\.\s*(?:spawn|popen\d?|system|exec|capture[23]?|fork)\s*\(/;
/** Console calls and infinite loops: harmless in a browser, a probe or a denial of service on a server. */
const SERVER_SIDE_PROBE =
  /(?:^|[^a-z0-9_$.])console\s*(?:\.\s*|\[\s*['"`])(?:log|info|warn|error|debug|dir|trace)\b|(?:^|[^a-z0-9_$.])while\s*\(+\s*(?:!+\s*[^)\s]{0,12}|[-+]?\s*(?:true|1|infinity)|new\s+date|this|string|\[\])\s*\)+\s*(?:;|\{|$)/;
const SERVER_SIDE_WORDS = [
  'process',
  'require',
  'constructor',
  'module',
  'child_',
  'spawn',
  'popen',
  'console',
  'while',
  'global',
  'exec',
  'system',
  'capture',
  'fork',
];
/** Perl interpolation that runs code inside a string: @{[ system 'id' ]}. */
const PERL_INTERPOLATION = /@\{\s*\[/;

/** Expands the first brace list (`{l,-lh}s` → `ls -lhs`, `c{a,oun}t` → `cat count`) the way bash would. */
function expandBraces(text: string): string | undefined {
  const m = /([^\s{}]*)\{([^{}\s]{0,80},[^{}\s]{0,80})\}([^\s{}]*)/.exec(text);
  if (m === null) return undefined;
  const [, pre = '', list = '', post = ''] = m;
  return list
    .split(',')
    .map((alt) => `${pre}${alt}${post}`)
    .filter((w) => w !== '')
    .join(' ');
}

/** The first word of `text` after wrappers (`time`, `nohup`, `sudo`, `env X=1`, `timeout 5`) and stray quotes. */
function leadingCommand(
  text: string,
): { name: string; end: number; prefixed: boolean; wrapped: boolean } | undefined {
  let at = 0;
  let wrapped = false;
  for (let hops = 0; hops < 4; hops++) {
    for (let c = text.charCodeAt(at); c === 32 || c === 9 || c === 10 || c === 39 || c === 34 || c === 92; )
      c = text.charCodeAt(++at);
    const cmd = commandAt(text, at);
    if (cmd === undefined) return undefined;
    if (!WRAPPER_COMMAND_NAMES.has(cmd.name) || cmd.end >= text.trimEnd().length) return { ...cmd, wrapped };
    // Skip the wrapper's own options and arguments (`timeout 5`, `cpulimit -l 100 -f`, `env A=1`, `flock -u /`).
    let next = cmd.end;
    const rest = /^(?:\s+(?:-{1,2}[a-z][a-z-]*(?:[= ]\S+)?|\d+[a-z]?|[a-z_][a-z0-9_]*=\S*|\/(?=\s)))*/.exec(
      text.slice(next),
    );
    next += rest?.[0].length ?? 0;
    at = next;
    wrapped = true;
  }
  return undefined;
}

const TRIGGERS =
  CharClass.SEMI |
  CharClass.PIPE_AMP |
  CharClass.QUOTE |
  CharClass.DOLLAR |
  CharClass.CONTROL |
  CharClass.ANGLE |
  CharClass.PAREN |
  CharClass.BRACE |
  CharClass.BACKSLASH |
  CharClass.SLASH |
  CharClass.PERCENT |
  CharClass.TILDE |
  CharClass.AT |
  CharClass.BANG;

const QUICK_SEPARATOR = /[;|&`\n]|\$\(/;
const QUICK_MARKERS =
  /[{}%~@\\^$[]|^\s*\/|\/dev\/|\/bin\/|\?|["'][a-z]+["']|''|""|[<>]\(|child_process|process|require|module|console|constructor|while|invoke-|\biex\b/;

/** For values without shell punctuation: the first word is a command, or a batch/PowerShell/server-side keyword. */
function commandPrefilter(lower: string): boolean {
  const m = /^\s*([a-z][a-z0-9_.+-]{0,40})/.exec(lower);
  if (m !== null) {
    const name = baseName((m[1] as string).replace(/\.$/, ''));
    if (STRONG.has(name) || WEAK.has(name) || WRAPPER_COMMAND_NAMES.has(name)) return true;
  }
  return /\bif\s|\bfor\s|invoke-|\biex\b|process|console|while|module|require/.test(lower);
}

/**
 * OS command injection: shell separators (`;`, `|`, `||`, `&&`, `&`, newline, backticks, `$(`) followed by a
 * command, after undoing shell obfuscation (`c'a't`, `${IFS}`, `{cat,/etc/passwd}`, `/bin/` prefixes, `[x]` glob
 * classes). Commands that are English words ("cat", "more", "find") need a shell-looking argument (a flag, a path,
 * a redirect) or the end of the value; a single `&` (as in "salt & pepper") always needs one. A value that is a
 * command line (`ansible all -m ping`, `time sh -c whoami`, `gunzip -c /var/log/x.gz`) scores 0.75–0.8 after
 * wrappers (`time`, `nohup`, `sudo`, `strace`…) are skipped; developer tools (`git`, `npm`, `curl`…) only when their
 * arguments touch system files, devices or shells. Also: interpreters given inline code (`sh -c`, `perl -e`,
 * `cmd /c`), command names hidden by quotes or empty expansions (`w'h'o'am'i`, `cu$@rl`), Windows batch control
 * flow (`FOR … IN (…) DO`, `IF EXIST`, `IF a==b`), PowerShell download-and-run cmdlets, brace and tilde expansion,
 * `/dev/tcp/` reverse shells, glob-obfuscated paths (`/???/c?t`), and server-side JavaScript, Ruby and Perl that
 * reaches the process or the shell (`child_process`, `process.env`, `while(true)`, `@{[ system 'id' ]}`).
 */
export const commandDetector: InjectionDetector = {
  class: 'command',
  triggers: TRIGGERS,
  prefilter: commandPrefilter,
  detect(_text, lower) {
    // Fast exit for most punctuated values ("O'Brien", "3/4 inch", dates): no separator, no command first, none
    // of the other rules' markers.
    if (!QUICK_SEPARATOR.test(lower) && !commandPrefilter(lower) && !QUICK_MARKERS.test(lower))
      return undefined;
    let best: Detection | undefined;
    const takeAt = (src: string, score: number, ruleId: string, at: number): void => {
      best = strongerDetection(best, { score, ruleId, evidence: excerpt(src, at) });
    };
    const text = SHELL_SYNTAX.test(lower) || lower.includes('[') ? normalizeShell(lower) : lower;
    const take = (score: number, ruleId: string, at: number): void => takeAt(text, score, ruleId, at);
    if (SHELL_SYNTAX.test(text))
      for (const m of text.matchAll(SEPARATOR)) {
        const sep = m[0];
        // Markdown code fences (```bash) and inline code are not command substitution.
        if (sep === '`' && (text[m.index + 1] === '`' || text[m.index - 1] === '`')) continue;
        if (sep === '${') continue; // template and JNDI detectors own ${…}
        const at = m.index + sep.length;
        const cmd = commandAt(text, at);
        if (cmd === undefined) continue;
        const arg = text.slice(cmd.end, cmd.end + 40);
        const shellish = SHELLISH_ARG.test(arg);
        const substitution = sep === '`' || sep === '$(';
        if (STRONG.has(cmd.name) || cmd.prefixed) {
          const english = sep === '&' && !shellish;
          // A developer tool on its own line is documentation (a README, a fenced code block).
          const documented = sep === '\n' && DEVELOPER_COMMAND_NAMES.has(cmd.name);
          take(english ? 0.5 : documented ? 0.6 : substitution ? 0.95 : 0.9, 'command-separator', m.index);
        } else if (WEAK.has(cmd.name)) {
          if (shellish && (sep !== '&' || arg.trim() !== ''))
            take(substitution ? 0.9 : 0.8, 'command-separator', m.index);
        } else if (substitution) {
          // `anything` or $(anything) with a closing delimiter is command substitution.
          const close = sep === '`' ? text.indexOf('`', at) : text.indexOf(')', at);
          if (close > at && close - at < 200) take(sep === '$(' ? 0.6 : 0.5, 'command-substitution', m.index);
        }
        if ((best?.score ?? 0) >= 0.9) return best;
      }
    // A value that is a command line.
    const leading = leadingCommand(text);
    const first =
      leading !== undefined &&
      (STRONG.has(leading.name) || WEAK.has(leading.name) || RECON.has(leading.name) || leading.prefixed)
        ? leading
        : undefined;
    if (first !== undefined) {
      const arg = text.slice(first.end, first.end + 40);
      const bare = arg.trim() === '' || /^\s*["']?\s*$/.test(arg);
      const rest = text.slice(first.end, first.end + 400);
      const sinister =
        /\/etc\/|\/proc\/|\/dev\/|\/bin\/|\/tmp\/|\/var\/|~\/\.|\|\s*(?:ba|z|k|da)?sh\b|>\s*\/|\d{1,3}(?:\.\d{1,3}){3}/.test(
          rest,
        );
      if (RECON.has(first.name) && (bare || /^\s/.test(arg))) take(0.8, 'command-leading', 0);
      else if (first.prefixed) take(0.8, 'command-leading', 0);
      else if (STRONG.has(first.name) && !bare && /^\s/.test(arg)) {
        if (DEVELOPER_COMMAND_NAMES.has(first.name))
          take(sinister || first.wrapped ? 0.8 : 0.6, 'command-leading', 0);
        else take(0.8, 'command-leading', 0);
      } else if (STRONG.has(first.name) && bare && first.wrapped) take(0.8, 'command-leading', 0);
      else if (WEAK.has(first.name) && !bare) {
        if (/^\s+(?:-{1,2}[a-z]|\/[a-z.]|~|\$|\.{1,2}\/|[<>|])/.test(arg))
          take(sinister ? 0.8 : first.wrapped ? 0.75 : 0.6, 'command-leading', 0);
        else if (first.wrapped && /^\s+[a-z]/.test(arg)) take(0.5, 'command-leading', 0);
      }
    }
    if (best !== undefined && (best as Detection).score >= 0.9) return best;
    const inline = text.includes(' -') || text.includes(' /') ? INLINE_CODE.exec(text) : null;
    if (inline !== null) take(0.9, 'command-inline-code', inline.index);
    if (lower.includes('-') || lower.includes('iex') || lower.includes('::')) {
      const ps = POWERSHELL.exec(lower);
      if (ps !== null) takeAt(lower, 0.85, 'command-powershell', ps.index);
    }
    const obfuscated = findObfuscatedCommand(lower);
    if (obfuscated >= 0) takeAt(lower, 0.85, 'command-obfuscated-name', obfuscated);
    if (lower.includes('for') && lower.includes('%')) {
      const loop = BATCH_FOR.exec(text);
      if (loop !== null) take(0.85, 'command-batch', loop.index);
    }
    if (lower.includes('if')) {
      const cond = BATCH_IF.exec(text);
      if (cond !== null) take(0.8, 'command-batch', cond.index);
    }
    if (lower.includes('%') || lower.includes('goto')) {
      const variable = BATCH_VARIABLE.exec(text);
      if (variable !== null) take(0.8, 'command-batch', variable.index);
    }
    if (/[<>]\(\s*[a-z]/.test(text)) {
      const sub = /[<>]\(\s*([a-z0-9_.-]+)/.exec(text);
      if (sub !== null && (STRONG.has(sub[1] as string) || WEAK.has(sub[1] as string)))
        take(0.85, 'command-process-substitution', sub.index);
    }
    if (lower.includes('{') && lower.includes(',')) {
      const expanded = expandBraces(lower);
      if (expanded !== undefined) {
        const cmd = commandAt(expanded, 0);
        if (cmd !== undefined && (STRONG.has(cmd.name) || WEAK.has(cmd.name) || cmd.name === 'ip'))
          take(0.8, 'command-brace-expansion', 0);
      }
    }
    if (/^\s*~[+-]\d*\s*$/.test(lower)) take(0.75, 'command-tilde-expansion', 0);
    if (lower.includes('$')) {
      const expansion = /\$\(\(|\$\{[a-z_][a-z0-9_]*(?:#|%|\/\/?|:[-=?+]|\^|,)/.exec(lower);
      if (expansion !== null) takeAt(lower, 0.75, 'command-shell-expansion', expansion.index);
    }
    if (text.includes('/dev/tcp/') || text.includes('/dev/udp/'))
      take(0.95, 'command-reverse-shell', text.indexOf('/dev/'));
    if (/\/bin\/(?:ba|z|k|c|da)?sh\b/.test(text)) take(0.8, 'command-shell-path', text.indexOf('/bin/'));
    if (lower.includes('${ifs') || lower.includes('$ifs'))
      takeAt(lower, 0.9, 'command-ifs', lower.indexOf('$'));
    if (text.includes('/') && text.includes('?')) {
      const glob = findGlobPath(text);
      if (glob >= 0) take(0.8, 'command-glob-path', glob);
    }
    if (/^\\[a-z]/.test(lower)) {
      const cmd = commandAt(lower, 1);
      if (cmd !== undefined && (STRONG.has(cmd.name) || WEAK.has(cmd.name)))
        takeAt(lower, 0.8, 'command-leading', 0);
    }
    if (SERVER_SIDE_WORDS.some((w) => text.includes(w))) {
      const server = SERVER_SIDE_CODE.exec(text);
      if (server !== null) take(0.85, 'command-server-side-code', server.index);
      const probe = SERVER_SIDE_PROBE.exec(text);
      if (probe !== null) take(0.75, 'command-server-side-code', probe.index);
    }
    if (lower.includes('@{')) {
      const perl = PERL_INTERPOLATION.exec(lower);
      if (perl !== null) takeAt(lower, 0.85, 'command-perl-interpolation', perl.index);
    }
    return best;
  },
};
