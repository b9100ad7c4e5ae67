/** What a reader's browser downloads for the widget, measured on the build the server serves. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { buildWidget, builtSizes, isOnDemandModule } from '../server/build/widget.ts';
import { isWordsFile } from '../server/build/words.ts';
import { WIDGET_DIST_DIR } from '../server/package-paths.ts';
import { LOCALES, type Locale } from '../shared/i18n/locales.ts';
import { wordsShownAtOnce } from '../shared/i18n/parts.ts';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface PayloadResult {
  embedScript: Sizes;
  stylesheet: Sizes & { file: string };
  /** The script and its stylesheet: what every page with a thread costs. */
  thread: Sizes;
  countScript: Sizes;
  /** The modules the embed script imports on demand, for the readers who need them. */
  onDemand: (Sizes & { file: string })[];
  /**
   * What a reader in each locale downloads beyond an English reader: at the thread's render, the
   * words its answer carries (none for English; gzipped alone, an upper bound of what they add
   * to the answer), and with the first module loaded on demand, its words file (English readers
   * load one too).
   */
  locales: { locale: Locale; shown: Sizes | null; more: Sizes }[];
  /** What each source file adds to embed.js, in minified bytes before compression, largest first. */
  parts: { source: string; bytes: number }[];
}

/** Bytes each input adds to embed.js, as esbuild accounts for them in a build of its own. */
async function embedParts(): Promise<PayloadResult['parts']> {
  const dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-parts-'));
  try {
    const { metafile } = await buildWidget(dir);
    const inputs = metafile.outputs['embed.js']?.inputs ?? {};
    return Object.entries(inputs)
      .map(([source, { bytesInOutput }]) => ({ source, bytes: bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Weighs the built widget (dist/widget, made by `npm run build` at the benchmark's start). */
export async function measurePayload(outDir = WIDGET_DIST_DIR): Promise<PayloadResult> {
  const stylesheet = readdirSync(outDir).find((name) => /^embed\.[0-9a-f]{10}\.css$/.test(name));
  if (!stylesheet) throw new Error(`${outDir} holds no built stylesheet`);
  const embedScript = builtSizes(outDir, 'embed.js');
  const styles = builtSizes(outDir, stylesheet);
  return {
    embedScript,
    stylesheet: { file: stylesheet, ...styles },
    thread: {
      raw: embedScript.raw + styles.raw,
      gzip: embedScript.gzip + styles.gzip,
      brotli: embedScript.brotli + styles.brotli,
    },
    countScript: builtSizes(outDir, 'count.js'),
    onDemand: readdirSync(outDir)
      .filter(isOnDemandModule)
      .map((file) => ({ file, ...builtSizes(outDir, file) })),
    locales: localeSizes(outDir),
    parts: await embedParts(),
  };
}

function localeSizes(outDir: string): PayloadResult['locales'] {
  const files = readdirSync(outDir).filter(isWordsFile);
  return LOCALES.map((locale) => {
    const more = files.find((name) => name.startsWith(`words-${locale}-more.`)) as string;
    const shown = Buffer.from(`,"words":${JSON.stringify(wordsShownAtOnce(locale))}`);
    return {
      locale,
      shown:
        locale === 'en'
          ? null
          : {
              raw: shown.length,
              gzip: gzipSync(shown, { level: 6 }).length,
              brotli: brotliCompressSync(shown).length,
            },
      more: builtSizes(outDir, more),
    };
  });
}
