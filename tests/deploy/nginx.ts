/**
 * A real nginx in front of a test's server, configured with README's own server blocks (only
 * ports, certificate paths and the IPv6 lines changed), on loopback with a self-signed
 * certificate. It runs as a plain process of the test, not as a system service.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { readmeFile, substitute } from './readme.ts';

/** Where README puts the nginx configuration: the block that starts with this path. */
export const NGINX_SITE = '/etc/nginx/sites-available/leave-a-reply.conf';

export interface Certificate {
  certificatePath: string;
  keyPath: string;
  /** The certificate itself, for clients to trust it and nothing else. */
  pem: string;
}

/** A self-signed certificate for 127.0.0.1, made by openssl in `dir`. */
export function makeCertificate(openssl: string, dir: string): Certificate {
  const certificatePath = join(dir, 'certificate.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync(
    openssl,
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certificatePath,
    ],
    { stdio: 'pipe' },
  );
  return { certificatePath, keyPath, pem: readFileSync(certificatePath, 'utf8') };
}

/** A loopback port that nothing listens on now, for a program that must be told its port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface SitePorts {
  /** Where the server listens, on 127.0.0.1. */
  upstreamPort: number;
  httpPort: number;
  httpsPort: number;
  certificate: Certificate;
}

/** README's nginx configuration, for these ports and this certificate. */
export function documentedSite({ upstreamPort, httpPort, httpsPort, certificate }: SitePorts) {
  const site = readmeFile(NGINX_SITE);
  return onLoopback(
    substitute(site, 'server 127.0.0.1:8080;', `server 127.0.0.1:${upstreamPort};`),
    { httpPort, httpsPort, certificate },
  );
}

/**
 * One of README's nginx files as a test runs it: its server blocks on 127.0.0.1 at these ports,
 * with this certificate.
 */
export function onLoopback(
  site: string,
  { httpPort, httpsPort, certificate }: Omit<SitePorts, 'upstreamPort'>,
): string {
  let local = substitute(site, 'listen 80;', `listen 127.0.0.1:${httpPort};`);
  local = substitute(local, 'listen 443 ssl;', `listen 127.0.0.1:${httpsPort} ssl;`);
  // A container may have no IPv6 at all; the same server blocks are reached over IPv4.
  local = substitute(local, '    listen [::]:80;\n', '');
  local = substitute(local, '    listen [::]:443 ssl;\n', '');
  local = substitute(
    local,
    '/etc/letsencrypt/live/comments.example.com/fullchain.pem',
    certificate.certificatePath,
  );
  return substitute(
    local,
    '/etc/letsencrypt/live/comments.example.com/privkey.pem',
    certificate.keyPath,
  );
}

/**
 * What Debian's /etc/nginx/nginx.conf gives a site, with every path in `dir`: the site's file
 * goes inside `http`, as an include of sites-enabled would put it.
 */
function mainConfig(dir: string, site: string): string {
  const temp = join(dir, 'temp');
  mkdirSync(temp, { recursive: true });
  return [
    // Started by root (as in CI), nginx would run its workers as "nobody", who may not write
    // the temporary folders below: they are in the test's folder, which only root may enter.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    `error_log ${join(dir, 'error.log')} notice;`,
    // Also on standard error, where the test waits for "start worker process".
    'error_log stderr notice;',
    'events { worker_connections 256; }',
    'http {',
    `  access_log ${join(dir, 'access.log')};`,
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

export interface Nginxes {
  /**
   * Starts nginx in `dir` with README's site for these ports, or with `site` itself (what a file
   * in sites-enabled holds); resolves once it listens.
   */
  start(dir: string, site: SitePorts | string): Promise<void>;
}

/**
 * Registers stopping, after each test of the calling file, every nginx it started, and waiting
 * until it has exited. Call it after useServerProcesses, so that nginx stops before the server
 * behind it (Vitest runs afterEach hooks last registered first).
 */
export function useNginx(nginx: string): Nginxes {
  const running: ChildProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.map(stop));
    running.length = 0;
  });
  return {
    start: async (dir, site) => {
      const config = join(dir, 'nginx.conf');
      writeFileSync(
        config,
        mainConfig(dir, typeof site === 'string' ? site : documentedSite(site)),
      );
      const child = spawn(
        nginx,
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
      running.push(child);
      await listening(child);
    },
  };
}

/** Resolves once nginx has opened its ports and starts its workers; fails if it exits first. */
function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('start worker process')) resolve();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`nginx exited with ${code ?? signal} before listening:\n${output}`)),
    );
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
