/**
 * `npm run build`: the server as JavaScript (dist/server.js and the chunks it loads on demand)
 * and the widget's bundles (dist/widget/), so that starting the server or running a command
 * compiles nothing. esbuild, terser and tsx are needed here only, never at run time.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildWidget, builtSizes } from './build/widget.ts';
import { DIST_DIR, PACKAGE_DIR } from './package-paths.ts';

/** The folders and files whose contents make the build. */
const SOURCES = ['server', 'shared', 'widget', 'package.json', 'package-lock.json'];
const STAMP = 'build-stamp.json';
const PACKAGE = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/**
 * Bundles the command line, and the server it starts, into `outDir`/server.js. The chunks stay
 * at the top of `outDir` too: server/package-paths.ts finds the package's folders from its own
 * place, one folder below the root, wherever esbuild puts it. Each command loads only its own
 * chunk, so `comments list` does not load Fastify.
 */
export async function buildServer(outDir = DIST_DIR): Promise<void> {
  await build({
    entryPoints: { server: join(PACKAGE_DIR, 'server', 'cli.ts') },
    outdir: outDir,
    chunkNames: 'server-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies load from node_modules as installed. TypeBox is a devDependency bundled in:
    // its hundreds of small modules cost some 20 MB of memory to load, and only the few schema
    // builders we call are needed.
    external: Object.keys(PACKAGE.dependencies),
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/** A digest of every source file, so that a build can tell whether it is still current. */
export function sourceDigest(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    const full = join(PACKAGE_DIR, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory())
      for (const entry of readdirSync(full).sort()) add(join(path, entry));
    else hash.update(`${path}\0`).update(readFileSync(full));
  };
  for (const source of SOURCES) add(source);
  return hash.digest('hex');
}

/** Whether dist/ holds a build of the sources as they are now. */
export function isBuildCurrent(outDir = DIST_DIR): boolean {
  try {
    const stamp = JSON.parse(readFileSync(join(outDir, STAMP), 'utf8')) as { sources?: string };
    return stamp.sources === sourceDigest();
  } catch {
    return false;
  }
}

/**
 * Builds everything into a folder of its own, then puts it in place of dist/ with two renames,
 * so that a server started meanwhile finds either the old build or the new one, never half.
 */
export async function buildAll(outDir = DIST_DIR): Promise<void> {
  const sources = sourceDigest();
  const base = outDir.replace(/\/+$/, '');
  const next = `${base}.next-${process.pid}`;
  const old = `${base}.old-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  try {
    await buildServer(next);
    await buildWidget(join(next, 'widget'));
    writeFileSync(join(next, STAMP), `${JSON.stringify({ sources })}\n`);
    if (existsSync(base)) renameSync(base, old);
    renameSync(next, base);
  } finally {
    rmSync(next, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  // --if-changed (npm pack's prepack): a build of these very sources is kept as it is.
  if (process.argv.includes('--if-changed') && isBuildCurrent()) {
    console.log('dist/ is a build of the sources as they are: kept.');
    process.exit(0);
  }
  await buildAll();
  const widget = join(DIST_DIR, 'widget');
  const files = readdirSync(widget).filter((name) => /\.(js|css)$/.test(name));
  for (const file of files.sort()) {
    const { raw, gzip, brotli } = builtSizes(widget, file);
    console.log(`widget/${file}: ${raw} bytes, ${gzip} gzip, ${brotli} brotli`);
  }
  console.log(`Built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
