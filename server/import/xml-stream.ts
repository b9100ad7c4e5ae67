/**
 * Reading XML text chunk by chunk through saxes, shared by the importers that need it: a file
 * that is cut short or damaged is refused with the line and column where it breaks.
 */
import { SaxesParser } from 'saxes';
import { ImportRefused } from '../errors.ts';

export type PositionedParser = SaxesParser<{ xmlns: true; position: true }>;

/** A parser that knows namespaces (elements are matched by local name) and positions. */
export function createXmlParser(): PositionedParser {
  return new SaxesParser({ xmlns: true, position: true });
}

/**
 * Feeds `text` to `parser` and closes it; after each chunk, hands out the items that `take`
 * says the chunk completed (the parser's handlers collect them), so that only the items of one
 * chunk are held at a time.
 */
export async function* readXml<Item>(
  text: AsyncIterable<string>,
  parser: PositionedParser,
  take: () => Item[],
): AsyncGenerator<Item> {
  const step = (work: () => void) => {
    try {
      work();
    } catch (error) {
      // saxes prefixes its messages with "file:line:column: "; the line is said in words below.
      const reason = (error as Error).message.replace(/^(?:.*?:)?\d+:\d+: /, '');
      throw new ImportRefused(
        `The file is not well-formed XML (cut short, or damaged) at line ${parser.line}, column ${parser.column}: ${reason}`,
      );
    }
  };
  for await (const chunk of text) {
    step(() => parser.write(chunk));
    yield* take();
  }
  step(() => parser.close());
  yield* take();
}

/** The text of the element being read, for the elements whose text an importer keeps. */
export interface ElementText {
  /** Keeps the text of the element just opened. */
  keep(): void;
  /** An element opened: what it holds is not kept unless `keep` is called. */
  opened(): void;
  /** The text kept, as the element closes; null when it was not kept. */
  closed(): string | null;
}

/** Collects text and CDATA alike from `parser`, for the element `keep` was called for. */
export function collectElementText(parser: PositionedParser): ElementText {
  let value = '';
  let keeping = false;
  const add = (chunk: string) => {
    if (keeping) value += chunk;
  };
  parser.on('text', add);
  parser.on('cdata', add);
  return {
    keep() {
      keeping = true;
    },
    opened() {
      value = '';
      keeping = false;
    },
    closed() {
      if (!keeping) return null;
      keeping = false;
      return value;
    },
  };
}
