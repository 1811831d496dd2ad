/**
 * Where Layerlab keeps the user's settings: the same folder Electron's `app.getPath('userData')` gives for an
 * app named "Layerlab", so the desktop app and the web host share recent files.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Layerlab';

export function defaultSettingsDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}
