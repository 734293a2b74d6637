// `npm start`: the desktop app. Where Electron cannot start (no binary, no display), say why in
// one line and serve the very same UI in the browser instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const passthrough = process.argv.slice(2);

function electronBinary() {
  let dir;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  const binary = existsSync(pathFile) ? path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  if (!binary || !existsSync(binary)) {
    return { reason: 'the Electron binary is not installed (it is downloaded separately, with `npx install-electron`, where a network allows)' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { binary };
}

function serve(reason) {
  console.log(`ArbDesk: Electron cannot start here: ${reason}. Serving the same UI in your browser instead.`);
  const child = spawn(process.execPath, [path.join(root, 'bin', 'arbdesk.mjs'), 'serve', ...passthrough], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const { binary, reason } = electronBinary();
if (!binary) {
  serve(reason);
} else {
  const started = Date.now();
  const child = spawn(binary, [root, ...passthrough], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => serve(`Electron failed to launch (${e.message})`));
  child.on('exit', (code, signal) => {
    if (code !== 0 && Date.now() - started < 10_000) serve(`Electron exited at start-up (${signal ?? `code ${code}`})`);
    else process.exit(code ?? 0);
  });
}
