/* Names of programs an attacker runs through command injection, written from what Unix, BusyBox and Windows
 * systems ship (coreutils, util-linux, network tools, compilers and interpreters, package and configuration
 * managers, Windows built-ins and LOLBins). Names that are also ordinary English words live in
 * {@link ENGLISH_COMMAND_NAMES} and need shell-looking context before they count.
 */
const ALL_COMMAND_NAMES =
  // shells and interpreters
  (
    'sh bash zsh ksh csh tcsh dash fish ash mksh busybox rbash python python2 python3 pypy perl ruby irb php ' +
    'lua luajit nodejs deno tclsh wish expect gawk nawk mawk awk sed jrunscript jjs rhino groovy scala ' +
    'pwsh powershell cmd cscript wscript mshta osascript ' +
    // recon and system information
    'whoami uname hostname hostnamectl id groups getent ifconfig ipconfig netstat ss arp route nslookup dig ' +
    'host traceroute tracert tracepath mtr ping6 nmap masscan lsof fuser ps pstree pgrep pidof top htop atop ' +
    'uptime w lastlog lastb last dmesg lscpu lsblk lsusb lspci lsmod modprobe insmod rmmod sysctl printenv ' +
    'systeminfo tasklist taskkill wmic qwinsta quser nbtstat arp net1 reg regedit sc schtasks bcdedit bcdboot ' +
    'wevtutil vssadmin icacls cacls takeown findstr forfiles certutil bitsadmin rundll32 regsvr32 msiexec ' +
    'certreq cmstp installutil regasm regsvcs msbuild odbcconf mavinject wmiprvse lsb_release ' +
    // network transfer and shells
    'curl wget nc ncat netcat socat telnet ftp tftp sftp scp ssh rsync ssh-keygen ssh-copy-id ssh-keyscan ' +
    'openssl aria2c axel lwp-download lwp-request fetch smbclient rpcclient ldapsearch snmpwalk ' +
    'invoke-webrequest invoke-expression invoke-restmethod iex iwr irm start-process new-object ' +
    // files, archives, encodings
    'chmod chown chgrp chattr lsattr setfacl getfacl mkfifo mknod ln base32 base64 basenc xxd hexdump od ' +
    'strings tar bsdtar gzip gunzip zcat bzip2 bunzip2 bzcat xz unxz xzcat lzma unlzma zstd zstdcat unzstd ' +
    'lz4 lz4cat zip unzip 7z 7za 7zr rar unrar cpio ar shred truncate install mktemp realpath readlink ' +
    'dirname basename md5sum sha1sum sha256sum sha512sum cksum split csplit paste join comm diff cmp patch ' +
    'iconv dos2unix unix2dos tac nl fold fmt column rev xargs tee dd ' +
    // processes, users, privileges
    'sudo su doas pkexec runas nohup setsid disown nice renice ionice chrt taskset timeout stdbuf unbuffer ' +
    'strace ltrace gdb lldb valgrind perf cpulimit flock chroot unshare nsenter capsh setcap getcap ' +
    'useradd usermod userdel adduser deluser groupadd passwd chpasswd visudo crontab at atq atrm batch ' +
    'systemctl service journalctl loginctl pkill killall kill shutdown reboot halt poweroff init telinit ' +
    'iptables ip6tables nft ufw firewall-cmd tcpdump tshark ' +
    // builders, package and configuration managers, cloud and container tools
    'gcc g++ cc c89 c99 clang clang++ tcc ld as make cmake ninja javac rustc cargo go ' +
    'pip pip3 pipx easy_install gem bundle npm npx yarn pnpm composer apt apt-get aptitude dpkg yum dnf rpm ' +
    'zypper apk pacman brew snap flatpak ansible ansible-playbook ansible-vault ansible-galaxy ' +
    'ansible-config ansible-console ansible-doc ansible-inventory ansible-pull chef chef-client chef-shell ' +
    'chef-run chef-vault knife puppet salt salt-call terraform kubectl docker podman crictl ctr helm aws gcloud ' +
    'az cscli mysql psql sqlite3 mongo mongosh redis-cli ' +
    // editors and pagers that can spawn shells
    'vi vim nvim ex view nano pico emacs ed less more man rmt'
  ).split(' ');

/** Commands that are also English words ("cat", "find", "more"): they need a shell-looking argument. */
export const ENGLISH_COMMAND_NAMES: ReadonlySet<string> = new Set(
  (
    'cat echo kill ps rm cp mv touch head tail sort uniq wc find locate which whereis file stat nl type copy ' +
    'del move start set ver date who time make mount umount export eval exec source alias unset history jobs ' +
    'wait test true false print printf read let trap declare env sleep ping dir ls pwd id cd mkdir rmdir ' +
    'more less view watch yes split join paste ' +
    'top last at batch install patch man join paste split less more view ex go as ld ar cc ss ip su w host ' +
    'route dig service fetch expect apt snap salt chef knife helm init halt reboot shutdown mount kill ' +
    'groups script screen tr cut bc dc fc fish wish dash ash ruby salt brew puppet bundle gem cargo composer ' +
    'yarn column fold tee nice timeout flock init diff shred truncate nano pico groovy ed'
  ).split(' '),
);

/**
 * Commands that need no argument and mean nothing else: a value that is only one of them (`whoami`, `uname`)
 * is a probe.
 */
export const RECON_COMMAND_NAMES: ReadonlySet<string> = new Set(
  (
    'whoami uname ifconfig ipconfig netstat nslookup traceroute tracert busybox nmap getent printenv lsof ' +
    'dmesg systeminfo visudo lastlog lastb tasklist qwinsta quser hostnamectl lscpu lsblk lsmod pstree htop ' +
    'chef-shell ansible-console'
  ).split(' '),
);

/**
 * Programs that wrap another command (`time sh -c …`, `nohup …`, `sudo …`): the command after them is what runs.
 */
export const WRAPPER_COMMAND_NAMES: ReadonlySet<string> = new Set(
  'time nohup strace ltrace sudo doas env nice ionice timeout stdbuf chroot exec command builtin busybox xargs watch unbuffer setsid cpulimit flock nsenter runas'.split(
    ' ',
  ),
);

/**
 * Developer tools whose command lines legitimately travel in API payloads (snippets, CI configuration): a leading
 * one scores at paranoia 1 only when its arguments touch system files, devices or shells.
 */
export const DEVELOPER_COMMAND_NAMES: ReadonlySet<string> = new Set(
  'git npm npx yarn pnpm docker podman kubectl helm curl wget pip pip3 make cmake cargo go gcc javac terraform aws gcloud az node deno composer gem bundle brew'.split(
    ' ',
  ),
);

/**
 * Names of programs an attacker runs through command injection and that are not English words, written from what
 * Unix, BusyBox and Windows systems ship (coreutils, util-linux, network tools, compilers and interpreters, package
 * and configuration managers, Windows built-ins and LOLBins). A separator followed by one of these is a command.
 */
export const SHELL_COMMAND_NAMES: ReadonlySet<string> = new Set(
  ALL_COMMAND_NAMES.filter((name) => !ENGLISH_COMMAND_NAMES.has(name)),
);
