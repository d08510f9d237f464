import { setTimeout as sleep } from 'node:timers/promises';
import { FAKE_FILES } from './fake-file-system.js';

/** The longest `sleep` a simulated command may take, so time-based probes can never hang the demo. */
export const MAX_SIMULATED_SLEEP_MS = 5000;

const FAKE_OUTPUT: Readonly<Record<string, string>> = {
  id: 'uid=33(www-data) gid=33(www-data) groups=33(www-data)\n',
  whoami: 'www-data\n',
  uname: 'Linux\n',
  'uname -a': 'Linux core-banking-prod-03 5.15.0-105-generic #115-Ubuntu SMP x86_64 GNU/Linux\n',
  hostname: 'core-banking-prod-03\n',
  pwd: '/srv/bank\n',
  ls: 'app.js\nconfig\nnode_modules\nstatements\n',
  'cat /etc/passwd': FAKE_FILES.get('/etc/passwd')!,
};

function pingOutput(host: string): string {
  return (
    `PING ${host} (${host}) 56(84) bytes of data.\n` +
    `64 bytes from ${host}: icmp_seq=1 ttl=64 time=0.041 ms\n\n` +
    `--- ${host} ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\n`
  );
}

/**
 * Pretends to run `ping -c 1 <host>` through a shell. NOTHING is executed: the text after a shell separator
 * (`;`, `&&`, `||`, `|`, `$(...)`, backticks, newline) is matched against a few well-known commands whose output is
 * fixed, and `sleep N` waits min(N, 5) seconds so that time-based detection works.
 */
export async function simulatePing(host: string): Promise<string> {
  const parts = host.split(/;|&&|\|\||\||\n|\$\(|`/);
  const target = parts[0]!.trim();
  let output = pingOutput(target);
  for (const raw of parts.slice(1)) {
    const command = raw.replace(/[)`]/g, '').trim();
    if (command === '') continue;
    const sleepMatch = /^sleep\s+([0-9]+(?:\.[0-9]+)?)$/.exec(command);
    if (sleepMatch) {
      await sleep(Math.min(Number(sleepMatch[1]) * 1000, MAX_SIMULATED_SLEEP_MS));
      continue;
    }
    output += FAKE_OUTPUT[command] ?? `sh: 1: ${command.split(/\s/)[0]}: not found\n`;
  }
  return output;
}
