/**
 * The dataset the user works on: opening it (upload, then reading in main, with progress and cancel), its
 * summary, and the table view onto its rows. Opening a new file while one loads cancels the first.
 */
import type { FileSource } from '../../../../main/api/calls/file-calls.ts';
import type { AppEvent, DatasetSummary } from '../../../../main/api/contract.ts';
import { count, plural } from '../format.ts';
import { messages } from '../messages.ts';
import { ApiError } from '../platform/api-error.ts';
import type { ChosenFile, Platform } from '../platform/platform.ts';
import { RemoteTable } from '../table/remote-table.svelte.ts';
import type { Notices } from './notices.svelte.ts';

export interface Loading {
  readonly name: string;
  readonly operationId: string;
  readonly phase: 'upload' | 'read';
  /** Bytes done and expected in the current phase; 0 of 0 until the first report. */
  readonly done: number;
  readonly total: number;
  readonly rows: number;
}

/** Told of every dataset opened; `restored` when it comes back with a project (its network and settings come too). */
export type OpenedListener = (summary: DatasetSummary, how: { readonly restored: boolean }) => void;

/** Reads a prepared file in main; null when main opened nothing (the caller says why). */
export type DatasetReader<Source = FileSource> = (operationId: string, source: Source) => Promise<DatasetSummary | null>;

/** Something main can read once prepared: a chosen file, or a bundled sample. */
interface Readable<Source> {
  readonly name: string;
  readonly uploadBytes: number;
  prepare(signal: AbortSignal, onUploaded: (bytes: number) => void): Promise<Source>;
}

export class DatasetState {
  summary = $state.raw<DatasetSummary | null>(null);
  table = $state.raw<RemoteTable | null>(null);
  loading = $state<Loading | null>(null);
  private abort: AbortController | null = null;
  /** The file the open dataset was read from, to read another of its sheets. */
  private file: ChosenFile | null = null;
  private readonly openedListeners: OpenedListener[] = [];

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
  ) {}

  async openSample(sampleId: string, name: string): Promise<void> {
    await this.load({ name, uploadBytes: 0, prepare: async () => ({ kind: 'sample' as const, sampleId }) }, (operationId, source) => this.platform.api.openDataset({ operationId, source }));
  }

  /**
   * Opens a file (progress, cancel, a notice); `read` is how main reads it (a project's data file reads its own way,
   * and is `restored`).
   */
  async open(file: ChosenFile, read: DatasetReader = (operationId, source) => this.platform.api.openDataset({ operationId, source }), restored = false): Promise<DatasetSummary | null> {
    const summary = await this.load(file, read, restored);
    if (summary) this.file = file;
    return summary;
  }

  private async load<Source>(file: Readable<Source>, read: DatasetReader<Source>, restored = false): Promise<DatasetSummary | null> {
    await this.cancel();
    const abort = new AbortController();
    this.abort = abort;
    const operationId = crypto.randomUUID();
    const uploading = file.uploadBytes > 0;
    this.loading = { name: file.name, operationId, phase: uploading ? 'upload' : 'read', done: 0, total: file.uploadBytes, rows: 0 };
    try {
      const source = await file.prepare(abort.signal, (bytes) => this.update(operationId, { done: bytes }));
      this.update(operationId, { phase: 'read', done: 0, total: 0 });
      const summary = await read(operationId, source);
      if (this.abort !== abort || !summary) return null;
      this.file = null;
      this.adopt(summary, restored);
      return summary;
    } catch (error) {
      if (this.abort !== abort) return null;
      if (error instanceof ApiError && error.code === 'cancelled') this.notices.push('info', messages.loadCancelled(file.name));
      else this.notices.push('error', messages.loadFailedTitle(file.name), error instanceof Error ? error.message : String(error));
      return null;
    } finally {
      if (this.abort === abort) {
        this.abort = null;
        this.loading = null;
      }
    }
  }

  /** Another sheet of the open workbook (the browser uploads the file again; the desktop reads it from disk). */
  async openSheet(sheet: string): Promise<void> {
    const file = this.file;
    if (!file || sheet === this.summary?.sheet) return;
    await this.open(file, (operationId, source) => this.platform.api.openDataset({ operationId, source, sheet }));
  }

  /** A dataset main has opened: shown, announced to the steps (the Clean step suggests its recipe) and to the user. */
  adopt(summary: DatasetSummary, restored = false): void {
    this.notices.clearProblems();
    this.show(summary);
    for (const listener of this.openedListeners) listener(summary, { restored });
    this.notices.push('success', messages.loaded(summary.name, plural(summary.rowCount, 'row'), plural(summary.columns.length, 'column')));
  }

  /** Stops the load in progress, if any: the upload in the browser, the reading in main. */
  async cancel(): Promise<void> {
    const loading = this.loading;
    if (!loading || !this.abort) return;
    this.abort.abort();
    if (loading.phase === 'read') await this.platform.api.cancel({ operationId: loading.operationId });
  }

  /** Calls `listener` with every dataset opened from now on (the Clean step suggests its recipe). */
  onOpened(listener: OpenedListener): void {
    this.openedListeners.push(listener);
  }

  /** The same dataset after a change in main (a column's type): a new summary and a fresh view of its rows. */
  replaceSummary(summary: DatasetSummary): void {
    if (summary.datasetId === this.summary?.datasetId) this.show(summary);
  }

  onEvent(event: AppEvent): void {
    if (event.type !== 'loadProgress') return;
    this.update(event.operationId, { done: event.bytes, total: event.totalBytes, rows: event.rows });
  }

  get description(): string {
    const s = this.summary;
    if (!s) return '';
    return `${count(s.rowCount)} rows × ${count(s.columns.length)} columns`;
  }

  private show(summary: DatasetSummary): void {
    this.table?.close();
    this.summary = summary;
    this.table = new RemoteTable(this.platform.api, summary, (error) =>
      this.notices.push('error', messages.loadFailedTitle(summary.name), error instanceof Error ? error.message : String(error)),
    );
  }

  /** Progress for an operation that is no longer the current one (a late event) is ignored. */
  private update(operationId: string, change: Partial<Loading>): void {
    if (this.loading?.operationId === operationId) this.loading = { ...this.loading, ...change };
  }
}
