/** The main window's settings, kept apart from the code that creates it so that tests can read them. */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowSettings {
  readonly preload: string;
  readonly dark: boolean;
  readonly icon?: string;
  /** DevTools only in development builds. */
  readonly devTools: boolean;
}

export function windowOptions(settings: WindowSettings): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Layerlab',
    // Matches the theme's --bg so that no white flash shows before the page paints.
    backgroundColor: settings.dark ? '#14171c' : '#f6f7f9',
    show: false,
    ...(settings.icon ? { icon: settings.icon } : {}),
    webPreferences: {
      preload: settings.preload,
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
      spellcheck: false,
      devTools: settings.devTools,
    },
  };
}
