import { killSwitchSection } from './killSwitch';
import { latencySection } from './latency';
import { ledgerSection } from './ledger';
import { memorySection } from './memory';
import { pumpSection } from './pump';
import { replaySection } from './replay';
import { startupSection } from './startup';
import type { BenchSection } from './types';
import { uiSection } from './ui';
import { universeSection } from './universe';

/** Every benchmark of `arbdesk bench`, run in this order. Adding one is one line here. */
export const BENCH_SECTIONS: readonly BenchSection[] = [
  startupSection,
  replaySection,
  latencySection,
  pumpSection,
  memorySection,
  killSwitchSection,
  ledgerSection,
  uiSection,
  universeSection,
];

export { memoryChild } from './memory';
export { runUniverseChild } from './universeChild';
export type { BenchContext, BenchOptions, BenchSection, Measurement } from './types';
