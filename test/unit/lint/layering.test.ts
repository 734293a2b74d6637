import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import arbdesk from '../../../eslint-rules/layering.js';
import { ROOT } from '../../helpers/cli';

// Lints snippets as if they lived at the given paths. The type-aware project config needs files
// on disk, so the rule runs here under a minimal config; a separate test proves the project
// config turns it on for every source file.
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser }, plugins: { arbdesk }, rules: { 'arbdesk/layering': 'error' } }],
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'arbdesk/layering').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('is an error in the project configuration for every layer', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    for (const file of ['src/engine/engine.ts', 'src/renderer/src/App.tsx', 'src/shared/units.ts', 'src/sim/index.ts']) {
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as { rules: Record<string, unknown[]> };
      expect(config.rules['arbdesk/layering']?.[0], file).toBe(2);
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
    const uses = "import { Engine } from '../engine/engine';\nimport { createHostEngine } from '../host/engineHost';\nimport { startSimulator } from '../sim/index';\nexport const a = [Engine, createHostEngine, startSimulator];\n";
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
    expect(await layeringErrors('src/host/x.ts', "import { Engine } from '../engine/engine';\nexport const a = Engine;\n")).toEqual([]);
    expect(await layeringErrors('src/renderer/src/x.ts', "import { parseEvent } from '../../shared/contract';\nexport const a = parseEvent;\n")).toEqual([]);
  });
});
