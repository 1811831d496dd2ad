/**
 * The desktop app's main process: one secure window over the shared services. Everything here is Electron
 * glue; what the app does lives in main/api and main/services, which the web host runs in plain Node too.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, session, type WebContents } from 'electron';
import { join } from 'node:path';
import type { AppCommand } from '../api/contract.ts';
import { GrantedPaths } from '../api/file-access.ts';
import { createDispatch, trustOrigin } from '../api/handle.ts';
import { createHandlers } from '../api/handlers.ts';
import { closeServices, createServices } from '../services/create-services.ts';
import { enginePool } from '../services/engine-pool/engine-pool.ts';
import { APP_NAME } from '../services/settings-dir.ts';
import { appProtocolHandler } from './app-protocol.ts';
import { APP_ORIGIN, APP_SCHEME, EVENT_CHANNEL } from './channels.ts';
import { registerDropGrants, registerIpc } from './ipc.ts';
import { menuTemplate } from './menu-template.ts';
import { fileDialogHandlers } from './file-dialogs.ts';
import { denyPermissions, hardenContents } from './security.ts';
import { windowOptions } from './window-options.ts';
import { deleteRecoveryOnQuit } from './quit-cleanly.ts';
import { sweepLeftovers } from '../services/leftovers.ts';

// Before `ready`: the name fixes the settings folder, the scheme must be known as secure and standard.
app.setName(APP_NAME);
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** Bundled main and preload live in out/main; the renderer beside it; samples in the checkout or the installed resources. */
const rendererDir = join(__dirname, '..', 'renderer');
const samplesDir = app.isPackaged ? join(process.resourcesPath, 'samples') : join(__dirname, '..', '..', 'resources', 'samples');
const iconPath = join(__dirname, '..', '..', 'resources', 'icons', 'png', '512x512.png');

/** Paths the user chose (dialogs, drops) or opened before (recent files): the only ones a window may name. */
const grantedPaths = new GrantedPaths(async () => (await services.recent.list()).map((file) => file.path));
const services = createServices({
  info: {
    name: APP_NAME,
    version: app.getVersion(),
    transport: 'electron',
    os: process.platform,
    versions: { node: process.versions.node, electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
  },
  samplesDir,
  settingsDir: app.getPath('userData'),
  acceptUploads: false,
  files: grantedPaths,
});
const windows = new Set<BrowserWindow>();

function sendCommand(command: AppCommand): void {
  services.events.publish({ type: 'command', command });
}

async function showAbout(): Promise<void> {
  const { version, versions } = services.info;
  await dialog.showMessageBox({
    type: 'info',
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${version}`,
    detail: `Build, train, evaluate and export a neural network from a spreadsheet.\n\nElectron ${versions.electron} · Chromium ${versions.chrome} · Node ${versions.node}`,
  });
}

async function refreshMenu(): Promise<void> {
  const [samples, recent] = await Promise.all([services.samples.list(), services.recent.list()]);
  const template = menuTemplate({ mac: process.platform === 'darwin', development: !app.isPackaged, samples, recent }, { command: sendCommand, about: () => void showAbout() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(
    windowOptions({ preload: join(__dirname, 'preload.cjs'), dark: nativeTheme.shouldUseDarkColors, icon: process.platform === 'linux' ? iconPath : undefined, devTools: !app.isPackaged }),
  );
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function isAppWindow(webContentsId: number): boolean {
  return [...windows].some((window) => !window.isDestroyed() && window.webContents.id === webContentsId);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = windows;
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.on('web-contents-created', (_event, contents: WebContents) => hardenContents(contents, APP_ORIGIN));

  void app.whenReady().then(async () => {
    await sweepLeftovers({ recoveryDir: join(app.getPath('userData'), 'recovery') });
    denyPermissions(session.defaultSession);
    protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
    const handlers = { ...createHandlers(services), ...fileDialogHandlers(dialog, () => BrowserWindow.getFocusedWindow() ?? [...windows][0], grantedPaths) };
    registerIpc(ipcMain, createDispatch(handlers, trustOrigin(APP_ORIGIN), (error) => console.error(error), grantedPaths), isAppWindow);
    registerDropGrants(ipcMain, grantedPaths, isAppWindow, trustOrigin(APP_ORIGIN));
    services.events.subscribe((event) => {
      for (const window of windows) if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
      if (event.type === 'recentFilesChanged') void refreshMenu();
    });
    await refreshMenu();
    createWindow();
    // The engine workers start with the app and warm up while the first window shows.
    enginePool.start();
    app.on('activate', () => {
      if (windows.size === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  deleteRecoveryOnQuit(app, services.project);

  app.on('will-quit', () => void closeServices(services));
}
