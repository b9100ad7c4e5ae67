/** The cross-engine flows (tests/engines/flows/) in firefox. */
import { describeEngine } from '../helpers/engine-suite.ts';
import { accessibilityFlows } from './flows/accessibility.ts';
import { challengeFlows } from './flows/challenge.ts';
import { ownPagesFlows } from './flows/own-pages.ts';
import { ownerFlows } from './flows/owner.ts';
import { readerFlows } from './flows/reader.ts';
import { screenshotFlows } from './flows/screenshots.ts';

describeEngine('firefox', (suite) => {
  readerFlows(suite);
  challengeFlows(suite);
  ownerFlows(suite);
  accessibilityFlows(suite);
  screenshotFlows(suite);
  ownPagesFlows(suite);
});
