/** The window's security settings and the guards every web contents gets (Electron's security checklist). */
import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../../main/shell/channels.ts';
import { denyPermissions, hardenContents, isAppUrl } from '../../../main/shell/security.ts';
import { windowOptions } from '../../../main/shell/window-options.ts';

describe('windowOptions', () => {
  it('isolates the page: context isolation, sandbox, no Node anywhere, web security, no webview, no drag-to-navigate', () => {
    const prefs = windowOptions({ preload: '/app/out/main/preload.cjs', dark: false, devTools: false }).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('opens hidden on the theme’s background so that no white frame flashes', () => {
    expect(windowOptions({ preload: 'p', dark: true, devTools: true })).toMatchObject({ show: false, backgroundColor: '#14171c' });
    expect(windowOptions({ preload: 'p', dark: false, devTools: true })).toMatchObject({ show: false, backgroundColor: '#f6f7f9' });
  });
});

describe('navigation and new windows', () => {
  it('only counts the app’s own origin as the app', () => {
    expect(isAppUrl('app://layerlab/index.html', APP_ORIGIN)).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/index.html', 'app://layerlab.evil/', 'javascript:alert(1)', 'not a url']) {
      expect(isAppUrl(url, APP_ORIGIN), url).toBe(false);
    }
  });

  function fakeContents() {
    const contents = new EventEmitter() as EventEmitter & { openHandler?: (details: { url: string }) => { action: string } };
    Object.assign(contents, { setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (contents.openHandler = handler) });
    hardenContents(contents as unknown as WebContents, APP_ORIGIN);
    const navigate = (name: string, url: string) => {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { contents, navigate };
  }

  it('cancels navigation and redirects away from the app, allows them within it', () => {
    const { navigate } = fakeContents();
    expect(navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(navigate('will-navigate', 'file:///home/user/data.csv'), 'a file dropped outside the drop zone').toBe(true);
    expect(navigate('will-redirect', 'https://example.com/')).toBe(true);
    expect(navigate('will-navigate', 'app://layerlab/index.html')).toBe(false);
  });

  it('denies every new window and every <webview>', () => {
    const { contents } = fakeContents();
    expect(contents.openHandler!({ url: 'app://layerlab/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyPermissions({ setPermissionRequestHandler: (h: typeof request) => (request = h), setPermissionCheckHandler: (h: typeof check) => (check = h) } as unknown as Session);
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) request!({}, permission, callback);
    expect(callback.mock.calls).toEqual([[false], [false], [false], [false]]);
    expect(check!()).toBe(false);
  });
});
