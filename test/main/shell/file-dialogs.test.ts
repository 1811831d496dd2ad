/** The desktop's open and save dialogs for results, against a stand-in for Electron's `dialog`. */
import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { CallContext } from '../../../main/api/handle.ts';
import { fileDialogHandlers } from '../../../main/shell/file-dialogs.ts';

const context: CallContext = { sender: { authenticated: true, origin: 'app://layerlab', topFrame: true } };
const window = {} as BrowserWindow;

function fakeDialog(open: { canceled: boolean; filePaths: string[] }, save: { canceled: boolean; filePath?: string }) {
  return { showOpenDialog: vi.fn(async () => open), showSaveDialog: vi.fn(async () => save) };
}

describe('file dialogs', () => {
  it("opens a project's data file, when the user locates it, with a table filter", async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/home/a/churn.csv'] }, { canceled: true });
    const handlers = fileDialogHandlers(dialog as unknown as Dialog, () => window, { grant: () => {} });
    expect(await handlers.chooseFile({ purpose: 'dataset' }, context)).toEqual({ path: '/home/a/churn.csv' });
    const [, options] = dialog.showOpenDialog.mock.calls[0] as unknown as [BrowserWindow, Electron.OpenDialogOptions];
    expect(options.title).toBe('Open a data file for the project');
    expect(options.filters?.[0]).toEqual({ name: 'Tables (CSV, TSV, Excel)', extensions: ['csv', 'tsv', 'tab', 'txt', 'xlsx'] });
  });

  it("opens a table for the Data step with the table filter, then any file", async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/home/a/churn.xlsx'] }, { canceled: true });
    const handlers = fileDialogHandlers(dialog as unknown as Dialog, () => window, { grant: () => {} });
    expect(await handlers.chooseFile({ purpose: 'data' }, context)).toEqual({ path: '/home/a/churn.xlsx' });
    const [, options] = dialog.showOpenDialog.mock.calls[0] as unknown as [BrowserWindow, Electron.OpenDialogOptions];
    expect(options).toMatchObject({ title: 'Open a table', properties: ['openFile'] });
    expect(options.filters).toEqual([{ name: 'Tables (CSV, TSV, Excel)', extensions: ['csv', 'tsv', 'tab', 'txt', 'xlsx'] }, { name: 'All files', extensions: ['*'] }]);
  });

  it('opens a model file with a JSON filter over the window, and answers null when closed', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/home/a/churn.json'] }, { canceled: true });
    const handlers = fileDialogHandlers(dialog as unknown as Dialog, () => window, { grant: () => {} });
    expect(await handlers.chooseFile({ purpose: 'model' }, context)).toEqual({ path: '/home/a/churn.json' });
    const [owner, options] = dialog.showOpenDialog.mock.calls[0] as unknown as [BrowserWindow, Electron.OpenDialogOptions];
    expect(owner).toBe(window);
    expect(options.title).toBe('Open a Layerlab model');
    expect(options.filters?.[0]).toEqual({ name: 'Layerlab model (JSON)', extensions: ['json'] });
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await handlers.chooseFile({ purpose: 'project' }, context)).toBeNull();
  });

  it('suggests the file name in the save dialog and returns the chosen path', async () => {
    const dialog = fakeDialog({ canceled: true, filePaths: [] }, { canceled: false, filePath: '/home/a/model-tfjs' });
    const handlers = fileDialogHandlers(dialog as unknown as Dialog, () => undefined, { grant: () => {} });
    expect(await handlers.chooseSaveLocation({ purpose: 'tfjs', suggestedName: 'churn-run-1-tfjs' }, context)).toEqual({ path: '/home/a/model-tfjs' });
    const [options] = dialog.showSaveDialog.mock.calls[0] as unknown as [Electron.SaveDialogOptions];
    expect(options).toMatchObject({ defaultPath: 'churn-run-1-tfjs', title: 'Save the TensorFlow.js folder' });
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true });
    expect(await handlers.chooseSaveLocation({ purpose: 'keras', suggestedName: 'a.py' }, context)).toBeNull();
  });
});
