/** The renderer's own user-facing texts, in one place (errors from main arrive already written). */
export const messages = {
  loadFailedTitle: (name: string) => `Could not open ${name}`,
  loadCancelled: (name: string) => `Opening ${name} was cancelled. Nothing was loaded.`,
  loaded: (name: string, rows: string, columns: string) => `${name} is open: ${rows} × ${columns}.`,
  manyFilesDropped: (name: string, count: number) => `You dropped ${count} files; Layerlab opened the first one, ${name}. Drop one file at a time.`,
  notAFile: 'Only files can be dropped here. Drag a CSV or Excel file from your file manager.',
  samplesFailed: 'The bundled samples could not be listed',
  unexpected: 'Something went wrong',
  unexpectedHint: 'Nothing was lost. Try again; if it happens again, restart Layerlab.',
  needsDataset: 'Load a dataset first',
  needsDatasetHint: (step: string) => `${step} works on the table you open in the Data step. Open a file or pick a sample there.`,
  comingNext: (step: string) => `${step} is not built yet`,
  comingNextHint: (summary: string) => `This step will let you ${summary.toLowerCase()}. Your dataset stays loaded meanwhile.`,
};
