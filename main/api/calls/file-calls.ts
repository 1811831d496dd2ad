/**
 * Files in and out, the same way for every call that reads or writes one: a `source` is a path (desktop) or a
 * file the browser uploaded first; a `destination` is a path (after the desktop's save dialog) or a download from
 * the web host. What the user picks a file for (its purpose) fixes what the dialogs and the browser's picker
 * offer, from one list. Spread into `calls` by main/api/contract.ts; the dialogs live in main/shell/file-dialogs.ts.
 */
import { call, id, readPath, writePath } from '../call-spec.ts';
import { v } from '../validate.ts';

/** File extensions of the tables Layerlab reads (CSV and other delimited text, Excel workbooks). */
export const TABLE_EXTENSIONS = ['csv', 'tsv', 'tab', 'txt', 'xlsx'] as const;
const TABLE_MIME_TYPES = ['text/csv', 'text/tab-separated-values'] as const;

export interface FileKind {
  /** Completes "Open a …" and "Save the …". */
  readonly title: string;
  /** The dialog's filter; none for a folder. */
  readonly filter: { readonly name: string; readonly extensions: readonly string[] } | null;
  /** Media types a browser's picker accepts besides the extensions. */
  readonly mimeTypes: readonly string[];
}

const tables = { filter: { name: 'Tables (CSV, TSV, Excel)', extensions: TABLE_EXTENSIONS }, mimeTypes: TABLE_MIME_TYPES };
const csv = { filter: { name: 'CSV', extensions: ['csv'] }, mimeTypes: [] };

/** Every reason to pick a file, and what such a file looks like. */
export const FILE_PURPOSES = {
  /** A table to open in the Data step. */
  data: { title: 'table', ...tables },
  model: { title: 'Layerlab model', filter: { name: 'Layerlab model (JSON)', extensions: ['json'] }, mimeTypes: ['application/json'] },
  project: { title: 'Layerlab project', filter: { name: 'Layerlab project', extensions: ['layerlab'] }, mimeTypes: [] },
  table: { title: 'table to predict', ...tables },
  /** A project's data file, located by the user. */
  dataset: { title: 'data file for the project', ...tables },
  predictions: { title: 'predictions', ...csv },
  tfjs: { title: 'TensorFlow.js folder', filter: null, mimeTypes: [] },
  keras: { title: 'Keras script', filter: { name: 'Python script', extensions: ['py'] }, mimeTypes: [] },
  pytorch: { title: 'PyTorch training script', filter: { name: 'Python script', extensions: ['py'] }, mimeTypes: [] },
  cleaned: { title: 'Cleaned dataset', ...csv },
  onnx: { title: 'ONNX model', filter: { name: 'ONNX model', extensions: ['onnx'] }, mimeTypes: [] },
  report: { title: 'Training report', filter: { name: 'Web page (HTML)', extensions: ['html'] }, mimeTypes: ['text/html'] },
} as const satisfies Record<string, FileKind>;

export type FilePurpose = keyof typeof FILE_PURPOSES;

const purpose = v.enum(Object.keys(FILE_PURPOSES) as [FilePurpose, ...FilePurpose[]]);

export const destination = v.variant('kind', {
  path: { path: writePath },
  /** Web host: the file is written to a private folder and fetched with GET /api/download?id=…. */
  download: {},
});

export const source = v.variant('kind', {
  path: { path: readPath },
  upload: { uploadId: id },
});

export type FileDestination = ReturnType<typeof destination.parse>;
export type FileSource = ReturnType<typeof source.parse>;

export const fileCalls = {
  /** Desktop: the native open dialog; null when the user closes it. */
  chooseFile: call(v.object({ purpose }), { desktopOnly: true }).returns<{ path: string } | null>(),
  /** Desktop: the native save dialog; null when the user closes it. */
  chooseSaveLocation: call(v.object({ purpose, suggestedName: v.string({ min: 1, max: 255 }) }), { desktopOnly: true }).returns<{ path: string } | null>(),
} as const;

export interface SavedFile {
  readonly name: string;
  /** Where it was written on the desktop; null for a download. */
  readonly path: string | null;
  /** Web host: GET /api/download?id=<downloadId>, once, within minutes (main/services/download-store.ts). */
  readonly downloadId: string | null;
  readonly bytes: number;
}

export interface SavedFiles {
  readonly files: readonly SavedFile[];
}
