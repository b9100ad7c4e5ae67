/**
 * Bundles what readers download: the embed script, its stylesheet and the count script, each
 * minified, with gzip and brotli copies for the static server to send as they are. The site
 * owner's dashboard (/admin) is a separate build, so that readers never download it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { minify } from 'terser';
import { WIDGET_DIST_DIR } from '../package-paths.ts';
import { THREAD_STYLESHEET, threadStylesheet } from './thread-css.ts';
import { buildWords } from './words.ts';

const WIDGET_DIR = fileURLToPath(new URL('../../widget/', import.meta.url));
/** The newest JavaScript a reader's browser is asked to run: esbuild lowers to it, terser keeps to it. */
export const ECMA_VERSION = 2020;

/**
 * The oldest browsers readers and site owners may use, as esbuild names them: everything built
 * here runs in these. README's "Browsers" section lists the same, and a test checks it does.
 */
export const TARGET = [
  `es${ECMA_VERSION}`,
  'chrome100',
  'edge100',
  'firefox100',
  'safari15',
  'ios15',
];

export interface WidgetBuild {
  outDir: string;
  /** esbuild's account of every input that reached each output. */
  metafile: Metafile;
  /** The stylesheet's content-hashed file name, e.g. embed.3f2a9c1b.css. */
  stylesheet: string;
  /** The moderation dashboard's own files, apart from what readers download. */
  admin: AdminBuild;
}

export interface AdminBuild {
  /** Content-hashed file names, e.g. admin.3f2a9c1b7d.js and admin.8e1d0a4c2b.css. */
  script: string;
  stylesheet: string;
  metafile: Metafile;
}

/**
 * Builds embed.js, its content-hashed stylesheet, count.js, and thread.css (the stylesheet of the
 * thread's server-rendered copy) into `outDir`.
 */
export async function buildWidget(outDir = WIDGET_DIST_DIR): Promise<WidgetBuild> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const common = {
    bundle: true,
    minify: true,
    target: TARGET,
    legalComments: 'none' as const,
    metafile: true,
    logLevel: 'silent' as const,
    write: false,
  };

  const styles = await build({
    ...common,
    entryPoints: [join(WIDGET_DIR, 'styles.css')],
    outfile: 'embed.css',
  });
  const css = (styles.outputFiles ?? [])[0]?.contents as Uint8Array;
  const stylesheet = `embed.${createHash('sha256').update(css).digest('hex').slice(0, 10)}.css`;

  // Built first: posting imports the solver and the verifier itself, by the names they are built
  // under.
  const solver = await buildOnDemand(common, 'challenge');
  const verifier = await buildOnDemand(common, 'verify');
  const named = {
    ...common,
    define: {
      __CHALLENGE__: JSON.stringify(solver.file),
      __VERIFY__: JSON.stringify(verifier.file),
    },
  };
  const onDemand = [
    solver,
    verifier,
    ...(await Promise.all(
      ON_DEMAND.filter((name) => name !== 'challenge' && name !== 'verify').map((name) =>
        buildOnDemand(named, name),
      ),
    )),
  ];
  const words = buildWords();

  const scripts = await build({
    ...common,
    entryPoints: [
      { in: join(WIDGET_DIR, 'index.ts'), out: 'embed' },
      { in: join(WIDGET_DIR, 'count.ts'), out: 'count' },
    ],
    plugins: [englishAsArray],
    outdir: outDir,
    format: 'iife',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // The script names its stylesheet by content hash, so the stylesheet can be cached for good.
    define: {
      __STYLESHEET__: JSON.stringify(stylesheet),
      __WORDS__: JSON.stringify(words.hash),
      ...Object.fromEntries(
        onDemand.map(({ name, file }) => [
          `__${name.toUpperCase().replace('-', '_')}__`,
          JSON.stringify(file),
        ]),
      ),
    },
  });

  write(join(outDir, stylesheet), css);
  write(join(outDir, THREAD_STYLESHEET), await threadStylesheet(css, TARGET));
  for (const module of onDemand) write(join(outDir, module.file), module.code);
  for (const file of words.files) write(join(outDir, file.name), file.code);
  for (const file of scripts.outputFiles ?? []) write(file.path, await shrink(file.text));
  return {
    outDir,
    stylesheet,
    admin: await buildAdmin(outDir, common),
    metafile: {
      inputs: { ...styles.metafile?.inputs, ...scripts.metafile?.inputs },
      outputs: {
        [stylesheet]: Object.values(
          styles.metafile?.outputs ?? {},
        )[0] as Metafile['outputs'][string],
        ...Object.fromEntries(
          Object.entries(scripts.metafile?.outputs ?? {}).map(([path, output]) => [
            path.split('/').pop() as string,
            output,
          ]),
        ),
      },
    },
  };
}

/**
 * The English words the embed script carries, written as an array: their keys are the numbers
 * of `R`, so an array's indices say the same, and the reader is spared the keys (some 80 bytes
 * gzipped). The source stays an object with the keys' names, as every other locale's.
 */
const englishAsArray: Plugin = {
  name: 'english-as-array',
  setup(tools) {
    tools.onLoad({ filter: /shared[\\/]i18n[\\/]en[\\/]shown\.ts$/ }, async (args) => {
      const parts = (await import(args.path)) as Record<string, Record<string, unknown>>;
      const code = Object.entries(parts)
        .map(([name, words]) => {
          const items = Array.from({ length: 1 + Math.max(...Object.keys(words).map(Number)) });
          for (const [key, entry] of Object.entries(words)) items[Number(key)] = entry;
          const literal = items.map((entry) => (entry === undefined ? '' : JSON.stringify(entry)));
          return `export const ${name} = [${literal.join(',')}];`;
        })
        .join('\n');
      return { contents: code, loader: 'js' };
    });
  },
};

/** Modules the embed script imports on demand: widget/on-demand/NAME.ts, each a define of its name. */
export const ON_DEMAND = [
  'author-tools',
  'more-comments',
  'posting',
  'likes',
  'gravatar',
  'challenge',
  'verify',
];

/** Whether `file` is one of the on-demand modules as built: NAME.0123456789.js. */
export function isOnDemandModule(file: string): boolean {
  const match = /^([a-z-]+)\.[0-9a-f]{10}\.js$/.exec(file);
  return match !== null && ON_DEMAND.includes(match[1] as string);
}

/** The embed script's own copy of preact, which a module loaded on demand is given. */
const PREACT_PARTS = join(WIDGET_DIR, 'on-demand', 'preact-parts.ts');

/**
 * A module that the embed script imports on demand (widget/on-demand.ts), named by content hash
 * (e.g. author-tools.3f2a9c1b7d.js) so that it can be cached for good. Its imports of preact are
 * pointed at the parts the embed script hands over, so that it shares the embed's preact.
 */
async function buildOnDemand(
  common: BuildOptions,
  name: string,
): Promise<{ name: string; file: string; code: Uint8Array }> {
  const result = await build({
    ...common,
    entryPoints: [join(WIDGET_DIR, 'on-demand', `${name}.ts`)],
    outfile: `${name}.js`,
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    plugins: [
      {
        name: 'embed-preact',
        setup(tools) {
          tools.onResolve({ filter: /^preact(\/hooks|\/jsx-runtime)?$/ }, () => ({
            path: PREACT_PARTS,
          }));
        },
      },
    ],
  });
  const code = await shrink((result.outputFiles ?? [])[0]?.text as string, true);
  return { name, file: hashedName(name, code, 'js'), code };
}

/** A content-hashed name: `admin` + contents + `.js` → admin.3f2a9c1b7d.js. */
function hashedName(base: string, contents: Uint8Array, extension: string): string {
  return `${base}.${createHash('sha256').update(contents).digest('hex').slice(0, 10)}.${extension}`;
}

/**
 * Builds the dashboard's script and stylesheet. Both are named by content hash, since only the
 * /admin page names them, so they can be cached for good like the widget's stylesheet.
 */
async function buildAdmin(outDir: string, common: BuildOptions): Promise<AdminBuild> {
  const [styles, scripts] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(WIDGET_DIR, 'admin', 'admin.css')],
      outfile: 'admin.css',
    }),
    build({
      ...common,
      entryPoints: [join(WIDGET_DIR, 'admin', 'index.tsx')],
      outfile: 'admin.js',
      format: 'iife',
      jsx: 'automatic',
      jsxImportSource: 'preact',
    }),
  ]);
  const css = (styles.outputFiles ?? [])[0]?.contents as Uint8Array;
  const js = (scripts.outputFiles ?? [])[0]?.contents as Uint8Array;
  const stylesheet = hashedName('admin', css, 'css');
  const script = hashedName('admin', js, 'js');
  write(join(outDir, stylesheet), css);
  write(join(outDir, script), js);
  const output = (result: typeof styles) =>
    Object.values(result.metafile?.outputs ?? {})[0] as Metafile['outputs'][string];
  return {
    script,
    stylesheet,
    metafile: {
      inputs: { ...styles.metafile?.inputs, ...scripts.metafile?.inputs },
      outputs: { [stylesheet]: output(styles), [script]: output(scripts) },
    },
  };
}

/**
 * A second minifying pass over what readers download: terser, with two compress passes, finds
 * about 3% that esbuild's single pass leaves (some 400 bytes gzipped of embed.js).
 */
async function shrink(code: string, module = false): Promise<Uint8Array> {
  const result = await minify(code, {
    ecma: ECMA_VERSION,
    module,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  return Buffer.from(result.code as string);
}

function write(path: string, contents: Uint8Array): void {
  writeFileSync(path, contents);
  writeFileSync(`${path}.gz`, gzipSync(contents, { level: 9 }));
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}

/** Bytes of a built file, as sent raw, gzipped and brotli-compressed. */
export function builtSizes(outDir: string, file: string) {
  const path = join(outDir, file);
  return {
    raw: readFileSync(path).length,
    gzip: readFileSync(`${path}.gz`).length,
    brotli: readFileSync(`${path}.br`).length,
  };
}
