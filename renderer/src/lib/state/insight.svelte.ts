/**
 * Understanding the shown model (ResultsState's): which inputs matter (measured on request: it runs the model
 * some hundred times), the what-if curves of the prediction form's row, the trained network's picture for Build,
 * and the training report. Answers for a model that is no longer shown, or for an older request, are dropped.
 */
import type { ImportanceView, NetworkPictureView, WhatIfView } from '../../../../main/api/calls/insight-calls.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import type { ResultsState } from './results.svelte.ts';

/** A view with the model it belongs to. */
interface Held<T> {
  readonly modelId: string;
  readonly view: T;
}

export class InsightState {
  private importanceHeld = $state.raw<Held<ImportanceView> | null>(null);
  private whatIfHeld = $state.raw<Held<WhatIfView> | null>(null);
  private pictureHeld = $state.raw<Held<NetworkPictureView> | null>(null);
  /** Which inputs matter is being measured for this model. */
  measuring = $state<string | null>(null);
  /** The input the what-if curve moves; null picks one (the most important, else the first). */
  whatIfColumn = $state<string | null>(null);
  /** Multi-class: the class whose probability the curve shows; null follows the row's predicted class. */
  whatIfClass = $state<number | null>(null);

  readonly importance = $derived(this.held(this.importanceHeld));
  readonly whatIf = $derived(this.held(this.whatIfHeld));
  readonly picture = $derived(this.held(this.pictureHeld));

  private whatIfRequests = 0;

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
    private readonly results: ResultsState,
    private readonly dataset: DatasetState,
  ) {}

  private held<T>(held: Held<T> | null): T | null {
    return held && held.modelId === this.results.modelId ? held.view : null;
  }

  private get datasetId(): { datasetId?: string } {
    const id = this.dataset.summary?.datasetId;
    return id ? { datasetId: id } : {};
  }

  /** Permutation importance on the shown model's test rows. */
  async measureImportance(): Promise<void> {
    const modelId = this.results.modelId;
    if (!modelId || this.measuring === modelId) return;
    this.measuring = modelId;
    try {
      const view = await this.platform.api.importance({ modelId, ...this.datasetId });
      this.importanceHeld = { modelId, view };
    } catch (error) {
      this.failed(messages.importanceFailed, error);
    } finally {
      if (this.measuring === modelId) this.measuring = null;
    }
  }

  /** The column the what-if curve moves: the chosen one, else the most important input, else the first. */
  columnFor(inputs: readonly string[]): string | null {
    if (this.whatIfColumn && inputs.includes(this.whatIfColumn)) return this.whatIfColumn;
    const ranked = this.importance?.status === 'ready' ? this.importance.result.columns.find((c) => c.used && inputs.includes(c.column))?.column : undefined;
    return ranked ?? inputs[0] ?? null;
  }

  /** The form's row with one input moved across its values (and the test rows' average). */
  async loadWhatIf(): Promise<void> {
    const modelId = this.results.modelId;
    const details = this.results.details;
    if (!modelId || !details || details.summary.modelId !== modelId) return;
    const column = this.columnFor(details.inputs.map((i) => i.name));
    if (!column) return;
    const request = ++this.whatIfRequests;
    try {
      const values = details.inputs.map((input, i) => ({ column: input.name, value: this.results.form[i] ?? '' }));
      const view = await this.platform.api.whatIf({ modelId, column, values, ...this.datasetId });
      if (request === this.whatIfRequests) this.whatIfHeld = { modelId, view };
    } catch (error) {
      if (request === this.whatIfRequests) this.failed(messages.whatIfFailed, error);
    }
  }

  chooseWhatIf(column: string): void {
    this.whatIfColumn = column;
    void this.loadWhatIf();
  }

  /** The shown model's trained network, for Build's drawing. */
  async loadPicture(): Promise<void> {
    const modelId = this.results.modelId;
    if (!modelId || this.pictureHeld?.modelId === modelId) return;
    try {
      const view = await this.platform.api.networkPicture({ modelId, ...this.datasetId });
      this.pictureHeld = { modelId, view };
    } catch (error) {
      this.failed(messages.pictureFailed, error);
    }
  }

  /** The training report of the shown model, at the threshold chosen in Evaluate. */
  async saveReport(): Promise<void> {
    const model = this.results.selected;
    if (!model) return;
    const name = `${model.sourceName.replace(/\.[^.]+$/, '')}-${model.modelId}-report.html`;
    const threshold = model.task === 'binary' ? { threshold: this.results.effectiveThreshold } : {};
    await this.results.saver.save('report', messages.reportWhat, name, (destination) => this.platform.api.saveReport({ modelId: model.modelId, destination, ...threshold, ...this.datasetId }));
  }

  private failed(title: string, error: unknown): void {
    this.notices.push('error', title, error instanceof Error ? error.message : String(error));
  }
}
