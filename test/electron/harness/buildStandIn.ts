import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from '../../helpers/cli';

export interface StandInBuild {
  dir: string;
  /** The --import module that maps `electron` to the stand-in. */
  register: string;
  /** A directory holding an `electron` executable that runs the built main bundle under the stand-in: for ELECTRON_OVERRIDE_DIST_PATH. */
  distDir: string;
  remove(): void;
}

const SOURCE = path.join(ROOT, 'test', 'electron', 'standin');

/** The main bundle Electron starts: package.json "main". */
export function mainEntry(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
}

/** Builds the stand-in `electron` module (TypeScript) into a fresh directory. */
export async function buildStandIn(): Promise<StandInBuild> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'arbdesk-electron-standin-'));
  await build({
    entryPoints: [path.join(SOURCE, 'electron.ts')],
    outfile: path.join(dir, 'electron.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  copyFileSync(path.join(SOURCE, 'hooks.mjs'), path.join(dir, 'hooks.mjs'));
  copyFileSync(path.join(SOURCE, 'register.mjs'), path.join(dir, 'register.mjs'));
  const register = path.join(dir, 'register.mjs');
  // Started as `<dist>/electron <app dir> [args]`, like the real binary.
  const distDir = path.join(dir, 'dist');
  const launcher = path.join(distDir, 'electron');
  mkdirSync(distDir);
  writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" --import "${register}" "$1/${mainEntry()}" "$@"\n`);
  chmodSync(launcher, 0o755);
  return { dir, register, distDir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
