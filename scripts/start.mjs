// `npm start`: the desktop app. Electron is found the way the electron package finds itself
// (require('electron'): its binary, downloaded on first use and cached; ELECTRON_OVERRIDE_DIST_PATH
// for a build of your own; ELECTRON_MIRROR / electron_mirror and electron_config_cache for where
// it comes from). Where Electron cannot start (no display, no binary and no network to fetch it, a
// start that failed), say why in one line and serve the very same UI in the browser instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const passthrough = process.argv.slice(2);

// From src/main/startFailure.ts: how the desktop app says it could not start.
const START_FAILURE_EXIT_CODE = 78;
const START_FAILURE_PREFIX = 'ArbDesk: the desktop app could not start: ';
/** An Electron that dies this soon, with an error, never showed the app. */
const EARLY_EXIT_MS = 10_000;

function noDisplay() {
  return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

function electronPackage() {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    return { dir, version: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version };
  } catch {
    return null;
  }
}

/** The electron package's own resolution, in a child: it may download, and prints as it does. */
function resolveElectron(pkg) {
  return new Promise((resolve) => {
    const code = `try { process.send({ binary: require(${JSON.stringify(pkg.dir)}) }); } catch (e) { process.send({ error: e.message }); }`;
    const child = spawn(process.execPath, ['-e', code], { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let output = '';
    let answer = null;
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('message', (m) => (answer = m));
    child.on('exit', () => {
      if (answer?.binary) return resolve({ binary: answer.binary });
      // install.js prints the download's error stack; its first line says what went wrong.
      const cause = output.split('\n').map((l) => l.trim()).find((l) => /^[A-Za-z]*Error\b/.test(l));
      resolve({ reason: `the Electron binary could not be downloaded (${cause ?? answer?.error ?? 'no reason given'})` });
    });
  });
}

async function findElectron() {
  if (noDisplay()) return { reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  const pkg = electronPackage();
  if (!pkg) return { reason: 'the electron package is not installed (run npm install)' };
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !existsSync(path.join(pkg.dir, 'dist', 'version'))) {
    console.log(`ArbDesk: downloading Electron ${pkg.version} (first start only; it is cached for next time)…`);
  }
  const found = await resolveElectron(pkg);
  if (found.binary && !existsSync(found.binary)) {
    return { reason: override ? `ELECTRON_OVERRIDE_DIST_PATH is set, but ${found.binary} does not exist` : `the Electron binary ${found.binary} is missing` };
  }
  return found;
}

function serve(reason) {
  console.log(`ArbDesk: Electron cannot start here: ${reason}. Serving the same UI in your browser instead.`);
  const child = spawn(process.execPath, [path.join(root, 'bin', 'arbdesk.mjs'), 'serve', ...passthrough], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function launch(binary) {
  const started = Date.now();
  // stderr passes through, watched for the app's own start-failure line.
  const child = spawn(binary, [root, ...passthrough], { stdio: ['inherit', 'inherit', 'pipe'] });
  let failure = null;
  let lastLine = '';
  let pending = '';
  child.stderr.on('data', (d) => {
    process.stderr.write(d);
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      if (line.trim()) lastLine = line.trim();
      if (line.startsWith(START_FAILURE_PREFIX)) failure = line.slice(START_FAILURE_PREFIX.length).trim();
    }
  });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
  child.on('error', (e) => serve(`Electron failed to launch (${e.message})`));
  child.on('exit', (code, signal) => {
    for (const s of ['SIGINT', 'SIGTERM']) process.off(s, forward);
    if (code === START_FAILURE_EXIT_CODE) return serve(failure ?? 'the desktop app reported a failed start');
    if ((code !== 0 || signal) && Date.now() - started < EARLY_EXIT_MS && signal !== 'SIGINT' && signal !== 'SIGTERM') {
      return serve(`Electron exited at start-up (${signal ?? `code ${code}`}${lastLine ? `: ${lastLine}` : ''})`);
    }
    process.exit(code ?? 0);
  });
}

const found = await findElectron();
if (found.binary) launch(found.binary);
else serve(found.reason);
