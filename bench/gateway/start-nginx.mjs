// nginx (Debian package) for bench/gateway, configured from files generated into a temporary prefix directory:
// plain `proxy_pass` with one worker and a keep-alive upstream pool, optionally with ModSecurity v3 and the OWASP
// Core Rule Set at paranoia level 1 (blocking mode, anomaly-scoring defaults). Runs in the foreground
// (`daemon off;`), never touches /etc/nginx's sites, and is stopped by PID.
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MODULE = '/usr/lib/nginx/modules/ngx_http_modsecurity_module.so';
const RECOMMENDED = '/etc/nginx/modsecurity.conf';
const CRS_SETUP = '/etc/modsecurity/crs/crs-setup.conf';
const CRS_RULES = '/usr/share/modsecurity-crs/rules';

/** Versions of nginx, libmodsecurity and the CRS, as the package manager reports them. */
export function nginxVersions() {
  const nginx = spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr.trim().replace('nginx version: ', '');
  const pkg = (name) =>
    spawnSync('dpkg-query', ['-W', `-f=\${Version}`, name], { encoding: 'utf8' }).stdout.trim() || 'absent';
  return {
    nginx,
    nginxPackage: pkg('nginx'),
    modsecurityConnector: pkg('libnginx-mod-http-modsecurity'),
    libmodsecurity: pkg('libmodsecurity3'),
    crs: pkg('modsecurity-crs'),
  };
}

function modsecurityRules(dir) {
  for (const path of [MODULE, RECOMMENDED, CRS_SETUP, CRS_RULES])
    if (!existsSync(path))
      throw new Error(
        `${path} is missing: apt-get install libnginx-mod-http-modsecurity modsecurity-crs (see docs/benchmarks-gateway.md)`,
      );
  // The package's recommended configuration, switched from DetectionOnly to blocking, with every path it writes
  // to moved into the bench's directory.
  const base = readFileSync(RECOMMENDED, 'utf8')
    .replace(/^SecRuleEngine\s+\S+/m, 'SecRuleEngine On')
    .replace(/^SecAuditLog\s+.*$/m, `SecAuditLog ${join(dir, 'modsec_audit.log')}`)
    .replace(/^SecTmpDir\s+.*$/m, `SecTmpDir ${dir}`)
    .replace(/^SecDataDir\s+.*$/m, `SecDataDir ${dir}`)
    .replace(/^SecUnicodeMapFile\s+unicode\.mapping/m, 'SecUnicodeMapFile /etc/nginx/unicode.mapping');
  if (!/^SecRuleEngine On/m.test(base))
    throw new Error(`${RECOMMENDED}: found no SecRuleEngine line to turn on`);
  const file = join(dir, 'modsecurity-crs.conf');
  writeFileSync(
    file,
    `${base}
# OWASP CRS: setup, paranoia level 1 (explicit), anomaly-scoring defaults, all rules.
Include ${CRS_SETUP}
SecAction "id:900000,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=1"
Include ${CRS_RULES}/*.conf
`,
  );
  return file;
}

/**
 * Writes the configuration into `dir` and starts nginx on `port`, proxying to `upstreamPort`. Resolves once it
 * accepts connections (or rejects with its error log). `stop()` sends SIGTERM (fast shutdown) to the master by
 * PID and waits for it to exit.
 */
export async function startNginx({ dir, port, upstreamPort, modsecurity }) {
  mkdirSync(dir, { recursive: true });
  const rules = modsecurity ? modsecurityRules(dir) : undefined;
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `${modsecurity ? `load_module ${MODULE};\n` : ''}daemon off;
master_process on;
worker_processes 1;
user root;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  keepalive_requests 1000000;
  keepalive_timeout 65s;
  upstream backend {
    server 127.0.0.1:${upstreamPort};
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:${port};
${rules ? `    modsecurity on;\n    modsecurity_rules_file ${rules};\n` : ''}    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`,
  );
  const test = spawnSync('nginx', ['-t', '-q', '-p', dir, '-c', conf, '-e', join(dir, 'error.log')], {
    encoding: 'utf8',
  });
  if (test.status !== 0) throw new Error(`nginx -t failed for ${conf}:\n${test.stderr}`);
  const child = spawn('nginx', ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start: ${stderr}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on ${port} within 10 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    pid: child.pid,
    /** PIDs of the master and its workers, whose CPU time is the proxy's. */
    pids() {
      return [child.pid, ...childPids(child.pid)];
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

async function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
