// `arbdesk scan`'s work, loaded only when the command runs (the engine stays out of start-up).
import { scannerFromScenario } from '../../engine/offline';
import { toSpecOpportunity } from '../../engine/offline';
import { readScenarioFile } from './scenarioFile';

/** The scenario's opportunities as the `scan` output line (spec §7). */
export function scanScenarioFile(path: string): string {
  const scanner = scannerFromScenario(readScenarioFile(path));
  return JSON.stringify({ opportunities: scanner.opportunities().map(toSpecOpportunity) });
}
