/**
 * What an answer's ETag names beside its page's version: this program, the settings that shape
 * what it answers, and the database's life (`Storage.lifeId`). The same for every instance of a
 * site that runs one version with one set of settings on one database, so that a cache may
 * revalidate with any of them; new with each version, each change of settings, and each new
 * life of the database. The settings go in whole but for where this instance listens (the
 * port and host of each instance behind a load balancer differ), through an HMAC keyed by the
 * life id, so that the ETag tells nothing of them, secrets included.
 */
import { createHmac } from 'node:crypto';
import { version } from '../../package.json';
import type { Config } from '../config.ts';

export function answersIdOf(config: Config, lifeId: string): string {
  const { port: _port, host: _host, ...shaping } = config;
  return createHmac('sha256', lifeId)
    .update(JSON.stringify([version, shaping]))
    .digest('base64url')
    .slice(0, 10);
}
