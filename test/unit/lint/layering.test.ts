import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import arbdesk from '../../../eslint-rules/layering.js';
import { ROOT } from '../../helpers/cli';

// Lints snippets as if they lived at the given paths. The type-aware project config needs files
// on disk, so the rule runs here under a minimal config; a separate test proves the project
// config turns it on for every source file.
async function ruleErrors(rule: 'layering' | 'venue-ids', file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser }, plugins: { arbdesk }, rules: { [`arbdesk/${rule}`]: 'error' } }],
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === `arbdesk/${rule}`).map((m) => m.message);
}
const layeringErrors = (file: string, code: string) => ruleErrors('layering', file, code);

describe('layering lint rule', () => {
  it('is an error in the project configuration for every layer', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    for (const file of ['src/engine/engine.ts', 'src/renderer/src/App.tsx', 'src/shared/units.ts', 'src/sim/index.ts', 'bench/index.ts']) {
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as { rules: Record<string, unknown[]> };
      expect(config.rules['arbdesk/layering']?.[0], file).toBe(2);
      expect(config.rules['arbdesk/venue-ids']?.[0], file).toBe(2);
    }
  });

  it('forbids electron outside main and preload', async () => {
    expect(await layeringErrors('src/engine/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      "Layer 'engine' may not import 'electron'; only src/main and src/preload may.",
    ]);
    expect(await layeringErrors('src/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('forbids Node in the renderer and in shared code', async () => {
    expect(await layeringErrors('src/renderer/src/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await layeringErrors('src/shared/x.ts', "import { WebSocket } from 'ws';\nexport const a = WebSocket;\n")).toHaveLength(1);
  });

  it('forbids importing the renderer, main or cli from other layers', async () => {
    const errors = await layeringErrors('src/engine/x.ts', "import { App } from '../renderer/src/App';\nexport const a = App;\n");
    expect(errors[0]).toMatch(/Layer 'engine' may not import from 'renderer'/);
    expect(await layeringErrors('src/host/x.ts', "import { main } from '../cli/main';\nexport const a = main;\n")).toHaveLength(1);
    expect(await layeringErrors('src/sim/x.ts', "import { Engine } from '../engine/engine';\nexport const a = Engine;\n")).toHaveLength(1);
  });

  it('lets the chaos run use engine, host and sim, and only the CLI use it', async () => {
    const uses = "import { createEngine } from '../engine';\nimport { createHostEngine } from '../host/engineHost';\nimport { startSimulator } from '../sim/index';\nexport const a = [createEngine, createHostEngine, startSimulator];\n";
    expect(await layeringErrors('src/chaos/x.ts', uses)).toEqual([]);
    expect(await layeringErrors('src/chaos/x.ts', "import { main } from '../cli/main';\nexport const a = main;\n")).toHaveLength(1);
    expect(await layeringErrors('src/cli/commands/x.ts', "import { runChaos } from '../../chaos/run';\nexport const a = runChaos;\n")).toEqual([]);
    for (const from of ['src/engine/x.ts', 'src/host/x.ts', 'src/sim/x.ts', 'src/main/x.ts']) {
      expect(await layeringErrors(from, "import { runChaos } from '../chaos/run';\nexport const a = runChaos;\n"), from).toEqual([
        expect.stringMatching(/may not import from 'chaos'/),
      ]);
    }
  });

  it('allows the dependency direction of DESIGN.md', async () => {
    expect(await layeringErrors('src/host/x.ts', "import { createEngine } from '../engine';\nexport const a = createEngine;\n")).toEqual([]);
    expect(await layeringErrors('src/renderer/src/x.ts', "import { parseEvent } from '../../shared/contract';\nexport const a = parseEvent;\n")).toEqual([]);
  });

  it('lets hosts, main, the CLI, chaos and bench reach the engine only through its public entry and sub-entries', async () => {
    for (const [from, prefix] of [['src/host/x.ts', '../engine'], ['src/main/x.ts', '../engine'], ['src/chaos/x.ts', '../engine'], ['src/cli/commands/x.ts', '../../engine'], ['bench/x.ts', '../src/engine']] as const) {
      expect(await layeringErrors(from, `import { createEngine } from '${prefix}';\nexport const a = createEngine;\n`), from).toEqual([]);
      expect(await layeringErrors(from, `import { Scanner } from '${prefix}/offline';\nimport { Ledger } from '${prefix}/tools';\nexport const a = [Scanner, Ledger];\n`), from).toEqual([]);
      expect(await layeringErrors(from, `import { Engine } from '${prefix}/engine';\nexport const a = Engine;\n`), from).toEqual([
        expect.stringMatching(/reaches the engine only through src\/engine\/index\.ts/),
      ]);
      expect(await layeringErrors(from, `import type { Ledger } from '${prefix}/ledger/ledger';\nexport type A = Ledger;\n`), from).toHaveLength(1);
    }
  });

  it('keeps the engine\'s rooms in their order: a room imports only the rooms below it', async () => {
    expect(await layeringErrors('src/engine/scanner/x.ts', "import { BookStore } from '../books/bookStore';\nexport const a = BookStore;\n")).toEqual([]);
    expect(await layeringErrors('src/engine/books/x.ts', "import { Scanner } from '../scanner/scanner';\nexport const a = Scanner;\n")).toEqual([
      "Engine rooms (../scanner/scanner): room 'books' may not import room 'scanner' (allowed: none).",
    ]);
    expect(await layeringErrors('src/engine/ledger/x.ts', "import { CircuitBreaker } from '../risk/circuitBreaker';\nexport const a = CircuitBreaker;\n")).toHaveLength(1);
    expect(await layeringErrors('src/engine/execution/x.ts', "import { compose } from '../compose';\nexport const a = compose;\n")).toEqual([
      expect.stringMatching(/root files \(compose\.ts\) are not imported by its rooms/),
    ]);
  });

  it('reaches a venue\'s folder only through the registration list, which only the root files import', async () => {
    expect(await layeringErrors('src/engine/venues/index.ts', "import { kalshi } from './kalshi';\nexport const a = kalshi;\n")).toEqual([]);
    expect(await layeringErrors('src/engine/engine.ts', "import { BUILT_IN_VENUES } from './venues';\nexport const a = BUILT_IN_VENUES;\n")).toEqual([]);
    expect(await layeringErrors('src/engine/scanner/x.ts', "import { KalshiDecoder } from '../venues/kalshi/marketData';\nexport const a = KalshiDecoder;\n")).toEqual([
      expect.stringMatching(/venues\/kalshi\/\) is reached only through the registry/),
    ]);
    expect(await layeringErrors('src/engine/live/x.ts', "import { BUILT_IN_VENUES } from '../venues';\nexport const a = BUILT_IN_VENUES;\n")).toEqual([
      expect.stringMatching(/registration list \(venues\/index\.ts\) is imported only by the engine's root files/),
    ]);
    expect(await layeringErrors('src/engine/venues/kalshi/x.ts', "import { BookStore } from '../../books/bookStore';\nimport type { VenueContribution } from '../contribution';\nexport const a: VenueContribution | BookStore | null = null;\n")).toEqual([]);
    expect(await layeringErrors('src/engine/venues/kalshi/x.ts', "import { polymarket } from '../polymarket';\nexport const a = polymarket;\n")).toHaveLength(1);
  });

  it('names a venue only in its own folder and the registration list', async () => {
    const naming = "export const id = 'kalshi';\nexport class KalshiBook {}\nexport const message = `the Polymarket book`;\n";
    expect(await ruleErrors('venue-ids', 'src/engine/scanner/x.ts', naming)).toHaveLength(3);
    expect(await ruleErrors('venue-ids', 'src/renderer/src/x.tsx', 'export const a = <b>Kalshi</b>;\n')).toHaveLength(1);
    expect(await ruleErrors('venue-ids', 'src/engine/venues/kalshi/x.ts', "export const id = 'kalshi';\n")).toEqual([]);
    expect(await ruleErrors('venue-ids', 'src/engine/venues/kalshi/x.ts', "export const other = 'polymarket';\n")).toHaveLength(1);
    expect(await ruleErrors('venue-ids', 'src/engine/venues/index.ts', "export const ids = ['kalshi', 'polymarket'];\n")).toEqual([]);
    // Comments explain freely; only code names venues.
    expect(await ruleErrors('venue-ids', 'src/engine/books/x.ts', '// as Kalshi publishes it\nexport const a = 1;\n')).toEqual([]);
  });

  it('lets a venue whose id holds another\'s name itself, and only itself', async () => {
    const own = "export const id = 'polymarket-us';\nexport class PolymarketUsFeed {}\nexport const HOST = 'https://api.polymarket.us';\n";
    expect(await ruleErrors('venue-ids', 'src/engine/venues/polymarket-us/x.ts', own)).toEqual([]);
    expect(await ruleErrors('venue-ids', 'src/engine/venues/polymarket-us/x.ts', "export const other = 'polymarket';\n")).toHaveLength(1);
    expect(await ruleErrors('venue-ids', 'src/engine/venues/polymarket-us/x.ts', "export const other = 'kalshi';\n")).toHaveLength(1);
    expect(await ruleErrors('venue-ids', 'src/engine/scanner/x.ts', "export const id = 'polymarket-us';\n")).toHaveLength(1);
  });
});
