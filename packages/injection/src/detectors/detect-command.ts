import { excerpt } from '../excerpt.js';
import type { Detection, InjectionDetector } from '../injection-detector.js';
import { strongerDetection } from '../stronger-detection.js';

/** Commands that are not English words: a separator followed by one of these is a command. */
const STRONG = new Set(
  (
    'whoami uname ifconfig ipconfig netstat wget curl nc ncat netcat bash sh zsh ksh csh dash tcsh fish busybox ' +
    'python python2 python3 perl ruby php lua nodejs telnet nslookup traceroute tracert chmod chown chgrp passwd ' +
    'useradd usermod userdel crontab nohup sudo su systemctl powershell pwsh cmd certutil bitsadmin mshta ' +
    'rundll32 regsvr32 wmic tasklist taskkill xterm socat tftp scp ssh rsync base64 xxd hexdump awk gawk nawk sed ' +
    'grep egrep fgrep xargs mkfifo mknod nmap getent printenv pkill killall lsof ifdown ifup iptables openssl ' +
    'nproc sysctl dmesg chattr setfacl getfacl strace ltrace gdb bzip2 gzip gunzip zcat bzcat xzcat tar unzip ' +
    'zip 7z rar unrar systeminfo schtasks icacls cacls findstr forfiles cscript wscript msiexec vssadmin ' +
    'net1 reg.exe sc.exe cmd.exe powershell.exe certreq ldd objdump readelf pgrep pidof uptime lsb_release ' +
    'hostname sleep ping dir ls pwd id env visudo aptitude apt-get bcdedit bcdboot wevtutil nc.exe ftp ' +
    'invoke-webrequest invoke-expression iex iwr start-process new-object wget.exe curl.exe'
  ).split(' '),
);

/** Commands that need no argument and have no other meaning: alone, or first with any argument, they are a command. */
const RECON = new Set(
  (
    'whoami uname ifconfig ipconfig netstat wget nc ncat netcat busybox nslookup traceroute tracert chmod chown ' +
    'useradd usermod crontab nohup sudo systemctl powershell pwsh certutil bitsadmin mshta rundll32 regsvr32 wmic ' +
    'tasklist taskkill socat nmap getent printenv pkill killall lsof iptables dmesg systeminfo visudo net1 icacls ' +
    'schtasks vssadmin bcdedit bcdboot wevtutil getfacl setfacl'
  ).split(' '),
);

/** Commands that are also English words: they need a shell-looking argument or the end of the value. */
const WEAK = new Set(
  (
    'cat echo kill ps rm cp mv touch head tail more less sort uniq wc find locate which whereis file stat dd nl ' +
    'tac rev strings vi vim nano ed emacs make mount umount reboot shutdown halt service export eval exec time ' +
    'date who last type copy del move start set ver timeout tee od git docker kubectl apt yum dnf apk pip npm ' +
    'node java gcc cc chdir cd mkdir rmdir ln source alias unset history jobs fg bg wait test true false ' +
    'print printf read let trap ulimit umask declare'
  ).split(' '),
);

const SHELLISH_ARG = /^\s*(?:[-/~.$<>|&;'"`\\({]|[a-z0-9_.-]*\/|$)/;
const PATH_PREFIX =
  /^(?:\/usr\/local\/s?bin\/|\/usr\/s?bin\/|\/s?bin\/|c:\\windows\\system32\\|c:\\windows\\)/;

/** Undoes shell obfuscation: quotes and backslashes inside words, `$@`, `${IFS}`, brace expansion lists. */
function normalizeShell(lower: string): string {
  return lower
    .replace(/\$\{ifs\}|\$ifs\$?\d?|\$\{ifs%\?\?\}/g, ' ')
    .replace(/\$@|\$\*|\$\$|\$\{[^a-z]?\}/g, '')
    .replace(/\[([a-z0-9/])\/*\]/g, '$1')
    .replace(/(?<=[a-z0-9_/])(?:""|''|\\|\^)(?=[a-z0-9_/])/g, '')
    .replace(/(?<=[a-z0-9_/])["'](?=[a-z0-9_/]+["'])/g, '')
    .replace(
      /\{([a-z0-9_/.-]+),([^{}]{0,200})\}/g,
      (_, a: string, b: string) => `${a} ${b.replace(/,/g, ' ')}`,
    )
    .replace(/[\t\r\v\f]/g, ' ');
}

/** A command word at `at` (after optional spaces and a /bin/-style prefix): its name, or undefined. */
function commandAt(text: string, at: number): { name: string; end: number; prefixed: boolean } | undefined {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '(' || text[i] === '{')) i++;
  const rest = text.slice(i, i + 64);
  const prefix = PATH_PREFIX.exec(rest);
  const start = i + (prefix?.[0].length ?? 0);
  let end = start;
  while (end < text.length && end < start + 32 && /[a-z0-9_.+-]/.test(text[end] as string)) end++;
  if (end === start) return undefined;
  // `;base64,` in a data URL, `|key=value`, `&name=`: a word followed by these is not being run.
  const after = text[end];
  if (after === ',' || after === '=' || after === ':' || after === '"' || after === "'") return undefined;
  let name = text.slice(start, end);
  if (name.endsWith('.')) name = name.slice(0, -1);
  return { name, end, prefixed: prefix !== null };
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

/**
 * OS command injection: shell separators (`;`, `|`, `||`, `&&`, `&`, newline, backticks, `$(`) followed by a
 * command, after undoing shell obfuscation (`c'a't`, `${IFS}`, `{cat,/etc/passwd}`, `/bin/` prefixes). Commands
 * that are English words ("cat", "more", "find") need a shell-looking argument (a flag, a path, a redirect) or the
 * end of the value; a single `&` (as in "salt & pepper") always needs one. A value that starts with a command and
 * a shell-looking argument (`cat /etc/passwd`, `wget http://…`) scores lower. Also: `/dev/tcp/` reverse shells,
 * glob-obfuscated paths (`/???/c?t`), and server-side JavaScript that reaches `child_process`.
 */
export const commandDetector: InjectionDetector = {
  class: 'command',
  gate: /[;|&`$\n<>(){}\\/]|\s-/,
  detect(_text, lower) {
    // Cheap exit: no shell metacharacter, no command as the first word, no shell path — nothing to normalize.
    if (!SHELL_SYNTAX.test(lower)) {
      const lead = commandAt(lower, 0);
      if (
        lead === undefined ||
        !(STRONG.has(lead.name) || WEAK.has(lead.name) || RECON.has(lead.name) || lead.prefixed)
      ) {
        if (
          !lower.includes('/dev/') &&
          !lower.includes('/bin/') &&
          !lower.includes('?') &&
          !lower.includes('child_process') &&
          !lower.includes('for ') &&
          !lower.includes('if ')
        )
          return undefined;
      }
    }
    const text = normalizeShell(lower);
    let best: Detection | undefined;
    const take = (score: number, ruleId: string, at: number): void => {
      best = strongerDetection(best, { score, ruleId, evidence: excerpt(text, at) });
    };
    for (const m of text.matchAll(SEPARATOR)) {
      const sep = m[0];
      // Markdown code fences (```bash) and inline code are not command substitution.
      if (sep === '`' && (text[m.index + 1] === '`' || text[m.index - 1] === '`')) continue;
      const at = m.index + sep.length;
      const cmd = commandAt(text, at);
      if (cmd === undefined) continue;
      const arg = text.slice(cmd.end, cmd.end + 40);
      const shellish = SHELLISH_ARG.test(arg);
      const substitution = sep === '`' || sep === '$(';
      if (sep === '${') {
        continue; // template and JNDI detectors own ${…}
      }
      if (STRONG.has(cmd.name) || cmd.prefixed) {
        const english = sep === '&' && !shellish;
        take(english ? 0.5 : substitution ? 0.95 : 0.9, 'command-separator', m.index);
      } else if (WEAK.has(cmd.name)) {
        if (shellish && (sep !== '&' || arg.trim() !== ''))
          take(substitution ? 0.9 : 0.8, 'command-separator', m.index);
      } else if (substitution) {
        // `anything` or $(anything) with a closing delimiter is command substitution.
        const close = sep === '`' ? text.indexOf('`', at) : text.indexOf(')', at);
        if (close > at && close - at < 200) take(sep === '$(' ? 0.6 : 0.5, 'command-substitution', m.index);
      }
      if ((best?.score ?? 0) >= 0.9) break;
    }
    // Windows batch control flow: FOR … IN (…) DO …, IF [NOT] EXIST|DEFINED|ERRORLEVEL …, %COMSPEC%.
    const batch =
      /\bfor\s+(?:\/[a-z]\s+)?(?:"[^"]{0,80}"\s+)?%%?[a-z~@\]]\s+in\s*\(|\bif\s+(?:\/i\s+)?(?:not\s+)?(?:exist|defined|errorlevel|cmdextversion)\s|%(?:comspec|systemroot|windir|programfiles|temp|appdata|userprofile)%|\bgoto\s+[a-z_:]/.exec(
        text,
      );
    if (batch !== null) take(0.8, 'command-batch', batch.index);
    const ifCompare = /\bif\s+(?:\/i\s+)?(?:not\s+)?\S{1,80}\s+(?:equ|neq|lss|leq|gtr|geq)\s+\S/.exec(text);
    if (ifCompare !== null) take(0.75, 'command-batch', ifCompare.index);
    if (/[<>]\(\s*[a-z]/.test(text)) {
      const sub = /[<>]\(\s*([a-z0-9_.-]+)/.exec(text);
      if (sub !== null && (STRONG.has(sub[1] as string) || WEAK.has(sub[1] as string)))
        take(0.85, 'command-process-substitution', sub.index);
    }
    const first = commandAt(text, 0);
    if (first !== undefined && RECON.has(first.name)) {
      const arg = text.slice(first.end, first.end + 40);
      if (arg.trim() === '' || /^\s/.test(arg)) take(0.75, 'command-leading', 0);
    }
    if (first !== undefined && (STRONG.has(first.name) || WEAK.has(first.name) || first.prefixed)) {
      const arg = text.slice(first.end, first.end + 40);
      if (first.prefixed) take(0.8, 'command-leading', 0);
      else if (
        /^\s+(?:-{1,2}[a-z]|\/[a-z.]|~|\$|[a-z]+:\/\/|\.{1,2}\/|[<>|])/.test(arg) &&
        arg.trim() !== ''
      ) {
        // The value is a command line. Developer tools legitimately carry those ("curl -X POST …"), so only one
        // that touches system files, devices, shells or pipes into a shell scores at paranoia 1.
        const rest = text.slice(first.end, first.end + 400);
        const sinister =
          /\/etc\/|\/proc\/|\/dev\/|\/bin\/|\/tmp\/|~\/\.|\|\s*(?:ba|z|k|da)?sh\b|>\s*\/|\d{1,3}(?:\.\d{1,3}){3}/.test(
            rest,
          );
        take(sinister ? 0.8 : 0.6, 'command-leading', 0);
      }
    }
    if (text.includes('/dev/tcp/') || text.includes('/dev/udp/'))
      take(0.95, 'command-reverse-shell', text.indexOf('/dev/'));
    if (/\/bin\/(?:ba|z|k|c|da)?sh\b/.test(text)) take(0.8, 'command-shell-path', text.indexOf('/bin/'));
    if (lower.includes('${ifs') || lower.includes('$ifs')) take(0.9, 'command-ifs', lower.indexOf('$'));
    if (text.includes('/') && text.includes('?')) {
      const glob = findGlobPath(text);
      if (glob >= 0) take(0.8, 'command-glob-path', glob);
    }
    if (
      /child_process|process\.mainmodule|require\s*\(\s*['"`](?:child_process|fs|net)['"`]\s*\)|\.exec(?:sync)?\s*\(\s*['"`]/.test(
        text,
      )
    )
      take(0.9, 'command-node-child-process', 0);
    return best;
  },
};
