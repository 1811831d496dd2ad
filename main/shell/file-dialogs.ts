/**
 * The desktop's native open and save dialogs for the Evaluate and Predict & export steps. The calls answer
 * with the chosen path (or null); the work itself then runs through the same calls as in the web host.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { FilePurpose } from '../api/calls/results-calls.ts';
import type { Handler } from '../api/handle.ts';

const FILTERS: Record<FilePurpose, { title: string; filters: { name: string; extensions: string[] }[] }> = {
  model: { title: 'Layerlab model', filters: [{ name: 'Layerlab model (JSON)', extensions: ['json'] }] },
  project: { title: 'Layerlab project', filters: [{ name: 'Layerlab project', extensions: ['layerlab'] }] },
  table: { title: 'table to predict', filters: [{ name: 'Tables (CSV, TSV, Excel)', extensions: ['csv', 'tsv', 'tab', 'txt', 'xlsx'] }] },
  /** A project's data file, located by the user. */
  dataset: { title: 'data file for the project', filters: [{ name: 'Tables (CSV, TSV, Excel)', extensions: ['csv', 'tsv', 'tab', 'txt', 'xlsx'] }] },
  predictions: { title: 'predictions', filters: [{ name: 'CSV', extensions: ['csv'] }] },
  tfjs: { title: 'TensorFlow.js folder', filters: [] },
  keras: { title: 'Keras script', filters: [{ name: 'Python script', extensions: ['py'] }] },
  cleaned: { title: 'Cleaned dataset', filters: [{ name: 'CSV', extensions: ['csv'] }] },
  onnx: { title: 'ONNX model', filters: [{ name: 'ONNX model', extensions: ['onnx'] }] },
};

export function fileDialogHandlers(dialog: Dialog, owner: () => BrowserWindow | undefined): { chooseFile: Handler<'chooseFile'>; chooseSaveLocation: Handler<'chooseSaveLocation'> } {
  return {
    chooseFile: async ({ purpose }) => {
      const { title, filters } = FILTERS[purpose];
      const options: OpenDialogOptions = { title: `Open a ${title}`, properties: ['openFile'], filters: [...filters, { name: 'All files', extensions: ['*'] }] };
      const window = owner();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      const [path] = result.filePaths;
      return result.canceled || !path ? null : { path };
    },
    chooseSaveLocation: async ({ purpose, suggestedName }) => {
      const { title, filters } = FILTERS[purpose];
      const options: SaveDialogOptions = { title: `Save the ${title}`, defaultPath: suggestedName, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] };
      const window = owner();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : { path: result.filePath };
    },
  };
}
