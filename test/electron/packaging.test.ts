// `npm run dist` without building an installer (that needs the Electron binary): the
// electron-builder configuration is checked by electron-builder's own loader and schema, and every
// native module the app ships is matched by asarUnpack (with electron-builder's own matcher) and
// loads in Electron's main process without a rebuild.
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { isElf, registration } from './harness/elf';

const require = createRequire(import.meta.url);
type BuilderConfig = Record<string, unknown> & { asarUnpack?: string[]; npmRebuild?: boolean };
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => { createFilter(): (file: string, stat: Stats) => boolean };
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const ELECTRON_ABI = Number(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());

/** Installed packages that ship with the app: the lockfile's non-dev entries present on disk. */
function shippedPackageDirs(): string[] {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev)
    .map(([key]) => path.join(ROOT, key))
    .filter((dir) => {
      try {
        return statSync(dir).isDirectory();
      } catch {
        return false; // an optional package for another platform
      }
    });
}

function nativeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.node') && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(dir, f));
}

describe('packaging (npm run dist)', () => {
  it('electron-builder.yml is a configuration electron-builder accepts', async () => {
    const config = await getConfig(ROOT, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // Every native module is N-API: nothing is rebuilt against Electron's headers (a download) at packaging.
    expect(config.npmRebuild).toBe(false);
    // The validator is not a formality: a misplaced option is refused.
    await expect(validateConfiguration({ ...config, linux: { ...(config.linux as object), dmgTitle: 'x' } }, new DebugLogger(false))).rejects.toThrow(/configuration\.linux should be/);
  });

  it('asarUnpack covers every native module the app ships, and each loads in Electron without a rebuild', async () => {
    const config = await getConfig(ROOT, null, null);
    const unpacked = new FileMatcher(ROOT, '/app', (s) => s, config.asarUnpack ?? []).createFilter();
    const natives = shippedPackageDirs().flatMap(nativeFiles);
    // The ledger's SQLite and the keychain, at least.
    expect(natives.some((f) => f.includes(`${path.sep}@libsql${path.sep}`))).toBe(true);
    expect(natives.some((f) => f.includes(`${path.sep}keytar${path.sep}`))).toBe(true);
    for (const file of natives) {
      expect({ file, unpacked: unpacked(file, statSync(file)) }).toEqual({ file, unpacked: true });
      if (!isElf(file)) continue; // a prebuilt for another OS: not loaded here
      const { napi, abis } = registration(file);
      expect({ file, loadsInElectron: napi || abis.includes(ELECTRON_ABI) }).toEqual({ file, loadsInElectron: true });
    }
  });

  it('the main bundle imports only Node, Electron and the packages that ship with the app', () => {
    const dir = path.join(ROOT, 'out', 'main');
    const code = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const imports = [/^\s*import\s[^;]*?\bfrom\s*"([^"]+)"/gm, /^\s*import\s*"([^"]+)"/gm, /\bimport\(\s*"([^"]+)"\s*\)/g, /\brequire\(\s*"([^"]+)"\s*\)/g];
    const specifiers = new Set(imports.flatMap((re) => [...code.matchAll(re)].map((m) => m[1]!)).filter((s) => !s.startsWith('.')));
    const packageOf = (s: string) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);
    const foreign = [...specifiers].filter((s) => !s.startsWith('node:') && !builtinModules.includes(s) && s !== 'electron' && !(packageOf(s) in pkg.dependencies));
    expect(specifiers.size).toBeGreaterThan(3);
    expect(foreign).toEqual([]);
  });

  it('the ELF reader tells an addon from a program', () => {
    // Node itself exports the N-API functions addons call, but registers no module.
    expect(registration(process.execPath)).toEqual({ napi: false, abis: [] });
  });
});
