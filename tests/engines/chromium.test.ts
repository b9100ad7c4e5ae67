/** The cross-engine flows (tests/engines/flows/) in chromium. */
import { describeEngine } from '../helpers/engine-suite.ts';
import { readerFlows } from './flows/reader.ts';

describeEngine('chromium', (suite) => {
  readerFlows(suite);
});
