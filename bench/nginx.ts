/**
 * Debian's nginx in front of instances of the server, with README's file for several instances
 * (its upstream, keep-alive and proxy settings as documented), run as a plain process of the
 * benchmark with every path in a folder of its own. Over plain http on loopback: what is
 * measured is the proxying and the instances behind it, not TLS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../tests/deploy/nginx.ts';
import { readmeFile, substitute } from '../tests/deploy/readme.ts';

/** Debian's nginx, where its package puts it. */
export const NGINX = '/usr/sbin/nginx';
/** Where README puts nginx's configuration for several instances: the block that starts with it. */
const INSTANCES_SITE = '/etc/nginx/sites-available/leave-a-reply-instances.conf';
const STOP_TIMEOUT_MS = 10_000;

/**
 * README's file for several instances, its upstream naming the instances at `upstreamPorts` (one
 * or two), its https server block listening for plain http at 127.0.0.1:`port`, and its
 * redirecting block at 127.0.0.1:`redirectPort`.
 */
export function instancesSite(upstreamPorts: number[], port: number, redirectPort: number): string {
  const [first, second] = upstreamPorts;
  let site = readmeFile(INSTANCES_SITE);
  site = substitute(site, 'server 127.0.0.1:8081;', `server 127.0.0.1:${first};`);
  site = substitute(
    site,
    '    server 127.0.0.1:8082;\n',
    second === undefined ? '' : `    server 127.0.0.1:${second};\n`,
  );
  site = substitute(site, 'listen 80;', `listen 127.0.0.1:${redirectPort};`);
  site = substitute(site, 'listen 443 ssl;', `listen 127.0.0.1:${port};`);
  // A container may have no IPv6 at all; the same server blocks are reached over IPv4.
  site = substitute(site, '    listen [::]:80;\n', '');
  site = substitute(site, '    listen [::]:443 ssl;\n', '');
  // nginx loads a server's certificate even where it listens without TLS.
  site = substitute(
    site,
    '    ssl_certificate /etc/letsencrypt/live/comments.example.com/fullchain.pem;\n',
    '',
  );
  return substitute(
    site,
    '    ssl_certificate_key /etc/letsencrypt/live/comments.example.com/privkey.pem;\n',
    '',
  );
}

/**
 * What Debian's /etc/nginx/nginx.conf gives a site (a worker per core, its connections, sendfile,
 * an access log, gzip), with every path in `dir`: the site's file goes inside `http`, as an
 * include of sites-enabled would put it.
 */
function mainConfig(dir: string, site: string): string {
  const temp = join(dir, 'temp');
  mkdirSync(temp, { recursive: true });
  return [
    // Started by root, nginx would run its workers as "nobody", who may not write the
    // temporary folders below: they are in the benchmark's folder, which only root may enter.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes auto;',
    `error_log ${join(dir, 'error.log')} notice;`,
    // Also on standard error, where the start waits for "start worker process".
    'error_log stderr notice;',
    'events { worker_connections 768; }',
    'http {',
    '  sendfile on;',
    '  tcp_nopush on;',
    '  types_hash_max_size 2048;',
    ...(existsSync('/etc/nginx/mime.types') ? ['  include /etc/nginx/mime.types;'] : []),
    '  default_type application/octet-stream;',
    `  access_log ${join(dir, 'access.log')};`,
    '  gzip on;',
    `  client_body_temp_path ${join(temp, 'body')};`,
    `  proxy_temp_path ${join(temp, 'proxy')};`,
    `  fastcgi_temp_path ${join(temp, 'fastcgi')};`,
    `  uwsgi_temp_path ${join(temp, 'uwsgi')};`,
    `  scgi_temp_path ${join(temp, 'scgi')};`,
    site,
    '}',
    '',
  ].join('\n');
}

export interface NginxProcess {
  /** e.g. http://127.0.0.1:43121 */
  origin: string;
  pid: number;
}

/** Every nginx this benchmark started and has not stopped, told to stop if the benchmark ends. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

/**
 * Runs nginx in `dir` with README's file for several instances before the instances at
 * `upstreamPorts`, hands it to `use`, and stops it (and waits for its exit) however `use` ends.
 */
export async function withNginx<T>(
  dir: string,
  upstreamPorts: number[],
  use: (nginx: NginxProcess) => Promise<T>,
): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const config = join(dir, 'nginx.conf');
  writeFileSync(config, mainConfig(dir, instancesSite(upstreamPorts, port, await freePort())));
  const child = spawn(
    NGINX,
    [
      '-p',
      dir,
      '-e',
      join(dir, 'error.log'),
      '-c',
      config,
      '-g',
      `daemon off; pid ${join(dir, 'nginx.pid')};`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  try {
    await listening(child, exited);
    return await use({ origin: `http://127.0.0.1:${port}`, pid: child.pid as number });
  } finally {
    await stop(child, exited);
  }
}

/** Resolves once nginx has opened its ports and starts its workers; fails if it exits first. */
function listening(child: ChildProcess, exited: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('start worker process')) resolve();
    });
    void exited.then(() => reject(new Error(`nginx exited before listening:\n${output}`)));
  });
}

/** Asks nginx to stop (its workers with it), and kills it if it has not within STOP_TIMEOUT_MS. */
async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
