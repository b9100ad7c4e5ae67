#!/usr/bin/env node
// The `leave-a-reply` command: runs the built server (dist/server.js). In a checkout of the
// sources where nothing is built yet, it builds once first, so that `npm ci && npm start` works.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1 and later keep V8's compiled code of the modules on disk (in the system's temporary
// folder) between runs, which saves each start and command part of its loading time.
module.enableCompileCache?.();

const built = new URL('../dist/server.js', import.meta.url);
const buildScript = fileURLToPath(new URL('build.ts', import.meta.url));

if (!existsSync(built) && existsSync(buildScript)) {
  console.error('Nothing is built yet: building the server and the widget (npm run build)…');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', buildScript], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (!existsSync(built)) {
  console.error(`${fileURLToPath(built)} is missing: run "npm run build" in the package's folder.`);
  process.exit(1);
}
const { main } = await import(built.href);
await main(process.argv.slice(2));
