/** Bundles the widget for readers: one minified script and one stylesheet, with a size report. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { WIDGET_DIST_DIR } from './app.ts';

const WIDGET_DIR = fileURLToPath(new URL('../widget/', import.meta.url));

export interface WidgetBuild {
  outDir: string;
  metafile: Metafile;
}

/** Builds embed.js and embed.css into `outDir`. */
export async function buildWidget(outDir = WIDGET_DIST_DIR): Promise<WidgetBuild> {
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [
      { in: `${WIDGET_DIR}index.ts`, out: 'embed' },
      { in: `${WIDGET_DIR}styles.css`, out: 'embed' },
    ],
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
  });
  return { outDir, metafile: result.metafile };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { metafile } = await buildWidget();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    console.log(`${file}  ${output.bytes.toLocaleString('en-US')} bytes`);
  }
}
