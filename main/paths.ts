import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'MOSERS Counselor Workstation';

/**
 * The per-user data folder, where Electron's `app.getPath('userData')` points for this product,
 * computed without Electron so the CLI and the desktop app open the same caseload.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, os: string = platform()): string {
  if (os === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (os === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'caseload.db');
}
