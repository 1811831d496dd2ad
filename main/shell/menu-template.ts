/**
 * The application menu as plain data: File (open, recent, samples, projects, export), Edit, View (steps,
 * theme, zoom), Help. Items that act on the window send it an AppCommand; accelerators come from the shared
 * shortcut table and are shown, not registered, because the window handles those keys itself.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, RecentFile, SampleInfo } from '../api/contract.ts';
import { SHORTCUTS } from '../api/shortcuts.ts';
import { STEPS } from '../api/steps.ts';

export interface MenuState {
  readonly mac: boolean;
  readonly development: boolean;
  readonly samples: readonly SampleInfo[];
  readonly recent: readonly RecentFile[];
}

export interface MenuActions {
  command(command: AppCommand): void;
  about(): void;
}

function shortcutFor(command: AppCommand): string | undefined {
  return SHORTCUTS.find((s) => JSON.stringify(s.command) === JSON.stringify(command))?.accelerator;
}

/** A menu item that sends `command` to the window and shows its shortcut. */
function item(label: string, command: AppCommand, actions: MenuActions): MenuItemConstructorOptions {
  const accelerator = shortcutFor(command);
  return { label, click: () => actions.command(command), ...(accelerator ? { accelerator, registerAccelerator: false } : {}) };
}

export function menuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const recent: MenuItemConstructorOptions[] = state.recent.length
    ? state.recent.map((file) => item(file.path, { kind: 'open-path', path: file.path }, actions))
    : [{ label: 'No recent files', enabled: false }];
  const samples: MenuItemConstructorOptions[] = state.samples.length
    ? state.samples.map((sample) => item(`${sample.title} (${sample.fileName})`, { kind: 'open-sample', sampleId: sample.id }, actions))
    : [{ label: 'No samples installed', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('&Open…', { kind: 'open-file' }, actions),
      { label: 'Open &Recent', submenu: recent },
      { label: '&Samples', submenu: samples },
      { type: 'separator' },
      item('Open &Project…', { kind: 'open-project' }, actions),
      item('&Save Project…', { kind: 'save-project' }, actions),
      item('&Export Model…', { kind: 'export-model' }, actions),
      ...(state.mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    // Not the undo/redo roles: their accelerators would reach the page's text fields only, never the recipe.
    submenu: [item('&Undo', { kind: 'undo' }, actions), item('&Redo', { kind: 'redo' }, actions), { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...STEPS.map((step) => item(step.label, { kind: 'go-to-step', step: step.id }, actions)),
      { type: 'separator' },
      item('Switch Light/Dark', { kind: 'toggle-theme' }, actions),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(state.development ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [item('&Keyboard Shortcuts', { kind: 'show-shortcuts' }, actions), { type: 'separator' }, { label: '&About Layerlab', click: () => actions.about() }],
  };
  return [...(state.mac ? [{ role: 'appMenu' } as const] : []), file, edit, view, help];
}
