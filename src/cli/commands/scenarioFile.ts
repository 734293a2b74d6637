import { readFileSync } from 'node:fs';
import { fileProblem } from '../errorLine';
import { parseScenario, ScenarioError, type Scenario } from '../../engine/offline';
import { InputError } from './inputError';


export function readScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read the scenario file: ${fileProblem(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return parseScenario(json);
  } catch (e) {
    if (e instanceof ScenarioError) throw new InputError(`${path}: ${e.message}`);
    throw e;
  }
}
