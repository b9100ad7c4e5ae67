/** The cross-engine flows (tests/engines/flows/) in webkit. */
import { describeEngine } from '../helpers/engine-suite.ts';
import { readerFlows } from './flows/reader.ts';

describeEngine('webkit', (suite) => {
  readerFlows(suite);
});
