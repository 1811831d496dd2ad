/**
 * Predicting a whole file with a model: picked, uploaded in a browser, read and predicted in main with progress
 * (`predictProgress` events), cancelled on request, then kept in main until saved as CSV.
 */
import type { AppEvent } from '../../../../main/api/contract.ts';
import type { FilePrediction } from '../../../../main/api/calls/results-calls.ts';
import { messages } from '../messages.ts';
import { ApiError } from '../platform/api-error.ts';
import type { Platform } from '../platform/platform.ts';
import type { Notices } from './notices.svelte.ts';
import type { Saver } from './saver.svelte.ts';

export interface PredictingFile {
  readonly name: string;
  readonly operationId: string;
  readonly phase: 'upload' | 'read' | 'predict';
  readonly done: number;
  readonly total: number;
}

export class FilePredictionState {
  predicting = $state<PredictingFile | null>(null);
  file = $state.raw<FilePrediction | null>(null);
  private abort: AbortController | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
    private readonly saver: Saver,
  ) {}

  /** Picks a file and predicts every row; a file picked while another runs cancels the first. */
  async predict(modelId: string, threshold: number): Promise<void> {
    const picked = await this.platform.pickFile('table');
    if (!picked) return;
    await this.cancel();
    const abort = new AbortController();
    this.abort = abort;
    const operationId = crypto.randomUUID();
    this.predicting = { name: picked.name, operationId, phase: picked.uploadBytes > 0 ? 'upload' : 'read', done: 0, total: picked.uploadBytes };
    this.file = null;
    try {
      const source = await picked.prepare(abort.signal, (bytes) => this.update(operationId, { done: bytes }));
      this.update(operationId, { phase: 'read', done: 0, total: 0 });
      const result = await this.platform.api.predictFile({ operationId, modelId, source, threshold });
      if (this.abort !== abort) return;
      this.file = result;
      this.notices.push('success', messages.filePredicted(result.name, result.predicted, result.rejected));
    } catch (error) {
      if (this.abort !== abort) return;
      if (error instanceof ApiError && error.code === 'cancelled') this.notices.push('info', messages.predictCancelled(picked.name));
      else this.notices.push('error', messages.predictFileFailed(picked.name), error instanceof Error ? error.message : String(error));
    } finally {
      if (this.abort === abort) {
        this.abort = null;
        this.predicting = null;
      }
    }
  }

  async cancel(): Promise<void> {
    const predicting = this.predicting;
    if (!predicting || !this.abort) return;
    this.abort.abort();
    if (predicting.phase !== 'upload') await this.platform.api.cancel({ operationId: predicting.operationId });
  }

  onEvent(event: AppEvent): void {
    if (event.type !== 'predictProgress') return;
    this.update(event.operationId, { phase: event.phase, done: event.done, total: event.total });
  }

  async save(): Promise<void> {
    const file = this.file;
    if (!file) return;
    const name = `${file.name.replace(/\.[^.]+$/, '')}-predictions.csv`;
    await this.saver.save('predictions', 'predictions', name, (destination) => this.platform.api.savePredictions({ predictionId: file.predictionId, destination }));
  }

  /** A model changed: its predictions of the old model are no longer shown. */
  clear(): void {
    if (!this.predicting) this.file = null;
  }

  private update(operationId: string, change: Partial<PredictingFile>): void {
    if (this.predicting?.operationId === operationId) this.predicting = { ...this.predicting, ...change };
  }
}
