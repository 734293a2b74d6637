// `npm test`: every check, in order, stopping at the first failure. The keychain suite runs in its
// own D-Bus session against a real Secret Service (gnome-keyring), as on a desktop.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npm run typecheck'],
  ['lint', 'npm run lint'],
  ['build', 'npm run build'],
  ['unit', 'npx vitest run --project unit'],
  ['integration', 'npx vitest run --project integration'],
  ['security', 'npx vitest run --project security'],
  ['e2e', 'npx vitest run --project e2e'],
  // The desktop app: the built main bundle under a stand-in electron module, its renderer in Chromium.
  ['electron', 'npx vitest run --project electron'],
  [
    'keychain',
    "dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && npx vitest run --project keychain'",
  ],
];

const only = process.argv.slice(2);
for (const [name, command] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}: ${command}`);
  const result = spawnSync(command, { stdio: 'inherit', shell: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds}s (exit ${result.status ?? result.signal})`);
    if (name === 'keychain') console.error('  It needs dbus-run-session and gnome-keyring-daemon (apt-get install dbus gnome-keyring; see .ci/run).');
    process.exit(1);
  }
  console.log(`✔ ${name} (${seconds}s)`);
}
