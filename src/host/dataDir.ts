import os from 'node:os';
import path from 'node:path';

/** The per-user data directory: settings, ledgers, caches. ARBDESK_DATA_DIR overrides it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ARBDESK_DATA_DIR) return path.resolve(env.ARBDESK_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'ArbDesk');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'ArbDesk');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'arbdesk');
}
