/** What a reader's browser downloads for the widget, measured on the build the server serves. */
import { readdirSync } from 'node:fs';
import { builtSizes } from '../server/build/widget.ts';
import { WIDGET_DIST_DIR } from '../server/package-paths.ts';

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
  };
}
