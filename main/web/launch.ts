/** Starts the web host with the app's services: what `npm run web` runs once the renderer is built. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHandlers } from '../api/handlers.ts';
import { closeServices, createServices } from '../services/create-services.ts';
import { enginePool } from '../services/engine-pool/engine-pool.ts';
import { APP_NAME, defaultSettingsDir } from '../services/settings-dir.ts';
import { startWebHost, type WebHost } from './server.ts';
import { sweepLeftovers } from '../services/leftovers.ts';

export interface LaunchOptions {
  readonly rendererDir: string;
  readonly samplesDir: string;
  readonly settingsDir?: string;
  readonly port?: number;
}

async function appVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

export async function launchWebHost(options: LaunchOptions): Promise<WebHost> {
  const settingsDir = options.settingsDir ?? defaultSettingsDir();
  // Before anything is listed: what killed hosts and sessions left behind goes first.
  await sweepLeftovers({ recoveryDir: join(settingsDir, 'recovery') });
  const services = createServices({
    info: {
      name: APP_NAME,
      version: await appVersion(),
      transport: 'web',
      os: process.platform,
      versions: { node: process.versions.node, electron: null, chrome: null },
    },
    samplesDir: options.samplesDir,
    settingsDir,
    acceptUploads: true,
  });
  const host = await startWebHost({ services, handlers: createHandlers(services), rendererDir: options.rendererDir, port: options.port });
  // The engine workers start with the host and warm up while the first page loads.
  enginePool.start();
  return {
    ...host,
    close: async () => {
      await host.close();
      await closeServices(services);
    },
  };
}
