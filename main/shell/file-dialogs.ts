/**
 * The desktop's native open and save dialogs, one per purpose (main/api/calls/file-calls.ts says what each
 * offers). The calls answer with the chosen path (or null) and grant it (read for an open, write for a save:
 * main/api/file-access.ts); the work itself then runs through the same calls as in the web host.
 */
import type { BrowserWindow, Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { FILE_PURPOSES, type FilePurpose } from '../api/calls/file-calls.ts';
import type { GrantedPaths } from '../api/file-access.ts';
import type { Handler } from '../api/handle.ts';

function filtersOf(purpose: FilePurpose): FileFilter[] {
  const { filter } = FILE_PURPOSES[purpose];
  return filter ? [{ name: filter.name, extensions: [...filter.extensions] }] : [];
}

export function fileDialogHandlers(
  dialog: Dialog,
  owner: () => BrowserWindow | undefined,
  grants: Pick<GrantedPaths, 'grant'>,
): { chooseFile: Handler<'chooseFile'>; chooseSaveLocation: Handler<'chooseSaveLocation'> } {
  return {
    chooseFile: async ({ purpose }) => {
      const options: OpenDialogOptions = { title: `Open a ${FILE_PURPOSES[purpose].title}`, properties: ['openFile'], filters: [...filtersOf(purpose), { name: 'All files', extensions: ['*'] }] };
      const window = owner();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      const [path] = result.filePaths;
      if (result.canceled || !path) return null;
      grants.grant(path, 'read');
      return { path };
    },
    chooseSaveLocation: async ({ purpose, suggestedName }) => {
      const options: SaveDialogOptions = { title: `Save the ${FILE_PURPOSES[purpose].title}`, defaultPath: suggestedName, filters: filtersOf(purpose), properties: ['createDirectory', 'showOverwriteConfirmation'] };
      const window = owner();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      grants.grant(result.filePath, 'write');
      return { path: result.filePath };
    },
  };
}
