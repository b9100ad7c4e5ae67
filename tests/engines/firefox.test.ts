/** The cross-engine flows (tests/engines/flows/) in firefox. */
import { describeEngine } from '../helpers/engine-suite.ts';
import { readerFlows } from './flows/reader.ts';

describeEngine('firefox', (suite) => {
  readerFlows(suite);
});
