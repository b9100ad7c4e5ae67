/** What a reader's browser downloads for the widget, measured on a fresh build. */
import { buildWidget, builtSizes } from '../server/build-widget.ts';

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

/** Builds the widget into `outDir` (which the browser measurement then serves) and weighs it. */
export async function measurePayload(outDir: string): Promise<PayloadResult> {
  const { stylesheet } = await buildWidget(outDir);
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
