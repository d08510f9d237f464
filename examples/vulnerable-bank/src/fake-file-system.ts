import { posix } from 'node:path';

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
bank:x:1001:1001:Core Banking Service,,,:/srv/bank:/bin/bash
postgres:x:112:120:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash
`;

function statement(month: string, owner: string): string {
  return `date,description,amount\n${month}-03,Salary ${owner},2500.00\n${month}-05,Rent,-950.00\n${month}-12,Cafe Central,-4.20\n`;
}

/**
 * The only "disk" the demo has: a fixed in-memory file tree. Path traversal reads from here, never from the real
 * file system, so `../../etc/passwd` returns this fake passwd and nothing else.
 */
export const FAKE_FILES: ReadonlyMap<string, string> = new Map([
  ['/etc/passwd', PASSWD],
  ['/etc/hostname', 'core-banking-prod-03\n'],
  [
    '/srv/bank/.env',
    'DATABASE_URL=postgres://bank:Pg-Pr0d-2019@db.internal:5432/core\nJWT_SECRET=secret1\nKYC_API_TOKEN=kyc_test_51HfakeToken\n',
  ],
  ['/srv/bank/statements/alice/2024-01.csv', statement('2024-01', 'Alice')],
  ['/srv/bank/statements/alice/2024-02.csv', statement('2024-02', 'Alice')],
  ['/srv/bank/statements/bob/2024-01.csv', statement('2024-01', 'Bob')],
  ['/srv/bank/statements/admin/2024-01.csv', statement('2024-01', 'Operations')],
]);

/** The folder that holds one customer's statements. */
export function statementFolder(username: string): string {
  return `/srv/bank/statements/${username}`;
}

/** Joins and normalizes `name` under `folder` the naive way (`..` is resolved), then reads the fake file. */
export function readFakeFile(folder: string, name: string): { path: string; content: string | undefined } {
  const path = posix.normalize(posix.join(folder, name));
  return { path, content: FAKE_FILES.get(path) };
}
