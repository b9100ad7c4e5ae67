/**
 * Reading an XML file chunk by chunk through saxes, shared by the importers that need it: a file
 * that is cut short or damaged gives an error naming the line and column, and nothing else.
 */
import { createReadStream } from 'node:fs';
import type { SaxesParser } from 'saxes';

type PositionedParser = SaxesParser<{ xmlns: true; position: true }>;

/**
 * Feeds `file` to `parser` and closes it, calling `onChunk` with the bytes read so far after
 * each chunk. Read failures and XML errors are handed to `makeError` with a message a person
 * understands, so each importer keeps its own error class; errors of that class thrown by
 * `onChunk` pass through as they are.
 */
export async function streamXmlFile(
  file: string,
  parser: PositionedParser,
  makeError: (message: string) => Error,
  onChunk?: (bytesRead: number) => void,
): Promise<void> {
  const step = (work: () => void) => {
    try {
      work();
    } catch (error) {
      // saxes prefixes its messages with "file:line:column: "; the line is said in words below.
      const reason = (error as Error).message.replace(/^(?:.*?:)?\d+:\d+: /, '');
      throw makeError(
        `The file is not well-formed XML (cut short, or damaged) at line ${parser.line}, column ${parser.column}: ${reason}`,
      );
    }
  };
  const marker = makeError('');
  try {
    const stream = createReadStream(file, { encoding: 'utf8' });
    for await (const chunk of stream) {
      step(() => parser.write(chunk as string));
      onChunk?.(stream.bytesRead);
    }
  } catch (error) {
    if (error instanceof marker.constructor) throw error;
    throw makeError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  step(() => parser.close());
}
