/**
 * The Evaluate and Predict & export steps' state: which trained model is shown (a run of this session or a
 * model file opened from disk), its evaluation at a decision threshold, the rows behind a confusion-matrix cell,
 * the prediction form and exports (a predicted file in `files`, writing files in `saver`). Answers that arrive
 * after a newer request was made are dropped, so a fast slider never shows an old threshold's numbers. Each model
 * keeps the threshold the user chose for it (a project saves them).
 */
import type {
  Evaluation,
  EvaluationRows,
  EvaluationSplit,
  ModelDetails,
  ModelSummary,
  SinglePrediction,
} from '../../../../main/api/calls/results-calls.ts';
import type { AppEvent } from '../../../../main/api/contract.ts';
import { ownValue } from '../../../../engine/own.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import type { DatasetState } from './dataset.svelte.ts';
import { FilePredictionState } from './file-prediction.svelte.ts';
import type { Notices } from './notices.svelte.ts';
import { Saver } from './saver.svelte.ts';

export type ExportFormat = 'json' | 'tfjs' | 'keras' | 'onnx' | 'pytorch';

/** Rows of a confusion-matrix cell shown at once. */
export const CELL_ROWS = 100;

/** The form's first texts: the typical row main gave, in the order of the inputs. */
function typicalForm(details: ModelDetails): string[] {
  return details.inputs.map((input) => ownValue(details.typical, input.name) ?? '');
}

export class ResultsState {
  /** The model the Evaluate and Predict steps show; null before any run finished or file was opened. */
  modelId = $state<string | null>(null);
  models = $state.raw<readonly ModelSummary[]>([]);
  split = $state<EvaluationSplit>('test');
  /** Thresholds the user chose with the slider, by model (binary); a model without one follows its saved one. */
  thresholds = $state.raw<Readonly<Record<string, number>>>({});
  /** The shown model's chosen threshold; null follows the model's saved one. */
  readonly threshold = $derived(this.modelId === null ? null : (this.thresholds[this.modelId] ?? null));
  evaluation = $state.raw<Evaluation | null>(null);
  cell = $state.raw<{ readonly actual: number; readonly predicted: number } | null>(null);
  cellRows = $state.raw<EvaluationRows | null>(null);
  details = $state.raw<ModelDetails | null>(null);
  /**
   * The prediction form's texts, one per input of `details.inputs`, in order (a list, not an object keyed by
   * column name: a column named `constructor` or `__proto__` is then a field like any other).
   */
  form = $state<string[]>([]);

  /** The form's text for the input named `column` ('' when the shown model has no such input). */
  formValue(column: string): string {
    const index = this.details?.inputs.findIndex((input) => input.name === column) ?? -1;
    return index < 0 ? '' : (this.form[index] ?? '');
  }
  single = $state.raw<SinglePrediction | null>(null);
  /**
   * True while the form's newest prediction is on its way: `single` is then the previous answer, for other
   * values than the form now holds, and the answer says so (aria-busy) rather than pass for the new one.
   */
  predicting = $state(false);
  /** Counts predictOne calls; a reply that is not the newest's is dropped (an older one may arrive last). */
  private predictRequest = 0;
  /** The decision threshold `single` was predicted with (binary). */
  singleThreshold = $state<number | null>(null);
  /** Writes exports; `saver.saving` says what is being written. */
  readonly saver: Saver;
  /** A whole file predicted with the shown model. */
  readonly files: FilePredictionState;

  readonly selected = $derived(this.models.find((m) => m.modelId === this.modelId) ?? null);
  /** Show the runs and models of every dataset, not only the open one's (the Train step's runs follow it too). */
  everyDataset = $state(false);
  /**
   * The models listed: runs of the open dataset (the same file, by SHA-256), model files the user opened, and the
   * one shown; every model when `everyDataset`.
   */
  readonly visibleModels = $derived.by(() => {
    const sha = this.dataset?.summary?.sha256;
    if (this.everyDataset || !sha) return this.models;
    return this.models.filter((m) => m.sourceSha256 === sha || m.origin === 'file' || m.modelId === this.modelId);
  });
  readonly effectiveThreshold = $derived(this.threshold ?? this.selected?.threshold ?? 0.5);

  private requests = 0;
  private evaluatedWith: string | null = null;
  /** Counts loadDetails calls: only the newest reply is shown (the data may have opened meanwhile). */
  private detailsRequests = 0;
  /** The open dataset `details` were asked with: its typical row comes from that data, else from the ranges. */
  private detailsData: string | null = null;

  constructor(
    protected readonly platform: Platform,
    protected readonly notices: Notices,
    private readonly dataset: DatasetState | null = null,
  ) {
    this.saver = new Saver(platform, notices);
    this.files = new FilePredictionState(platform, notices, this.saver);
    // A restored or reopened project lists its models before its data is back: the form's typical row is then
    // asked again from the data.
    dataset?.onOpened(() => {
      if (this.modelId) void this.loadDetails();
    });
  }

  private get datasetId(): string | undefined {
    return this.dataset?.summary?.datasetId;
  }

  /** Called by the Train step when a run finishes (and when the user picks another run); resolves once the list holds it. */
  show(modelId: string): Promise<void> {
    this.modelId = modelId;
    this.clearModelViews();
    return this.refresh();
  }

  /** Entering Evaluate or Predict: the list again, the newest model if none is chosen, a fresh evaluation when the open data changed. */
  async enter(): Promise<void> {
    await this.refresh();
    if (this.modelId && this.evaluatedWith !== this.evaluationKey()) await this.evaluate();
  }

  /** The open models from main; keeps the selection when it is still open and listed, else the newest listed. */
  async refresh(): Promise<void> {
    try {
      this.models = await this.platform.api.listModels();
    } catch (error) {
      return this.failed(messages.resultsFailed, error);
    }
    const sha = this.dataset?.summary?.sha256;
    const listed = (m: ModelSummary) => this.everyDataset || !sha || m.sourceSha256 === sha || m.origin === 'file';
    if (!this.models.some((m) => m.modelId === this.modelId && listed(m))) {
      this.modelId = this.models.filter(listed).at(-1)?.modelId ?? null;
      this.clearModelViews();
    }
    if (this.modelId && (!this.details || this.details.summary.modelId !== this.modelId)) await Promise.all([this.evaluate(), this.loadDetails()]);
    else if (this.details && this.detailsData !== (this.datasetId ?? null)) await this.loadDetails();
  }

  select(modelId: string): void {
    void this.show(modelId);
  }

  setSplit(split: EvaluationSplit): void {
    this.split = split;
    this.cell = null;
    this.cellRows = null;
    void this.evaluate();
  }

  setThreshold(threshold: number): void {
    if (this.modelId === null) return;
    this.thresholds = { ...this.thresholds, [this.modelId]: Math.min(1, Math.max(0, threshold)) };
    void this.evaluate().then(() => this.cell && this.openCell(this.cell.actual, this.cell.predicted));
    // The form's answer follows the new threshold: a shown prediction never disagrees with the one in force.
    if (this.single) void this.predictOne();
  }

  async evaluate(): Promise<void> {
    const modelId = this.modelId;
    if (!modelId) return;
    const request = ++this.requests;
    try {
      const evaluation = await this.platform.api.evaluation({ modelId, split: this.split, ...this.thresholdAndData() });
      if (request !== this.requests) return;
      this.evaluation = evaluation;
      this.evaluatedWith = this.evaluationKey();
    } catch (error) {
      if (request === this.requests) this.failed(messages.resultsFailed, error);
    }
  }

  /** Lists the rows behind one cell of the confusion matrix. */
  async openCell(actual: number, predicted: number): Promise<void> {
    const modelId = this.modelId;
    if (!modelId) return;
    this.cell = { actual, predicted };
    try {
      const rows = await this.platform.api.evaluationRows({ modelId, split: this.split, actual, predicted, start: 0, count: CELL_ROWS, ...this.thresholdAndData() });
      if (this.cell?.actual === actual && this.cell.predicted === predicted) this.cellRows = rows;
    } catch (error) {
      this.cellRows = null;
      this.failed(messages.cellRowsFailed, error);
    }
  }

  closeCell(): void {
    this.cell = null;
    this.cellRows = null;
  }

  /**
   * The shown model's inputs and typical row, for the open data. Asked again for the same model (other data
   * opened), a form the user has edited keeps the user's values.
   */
  async loadDetails(): Promise<void> {
    const modelId = this.modelId;
    if (!modelId) return;
    const request = ++this.detailsRequests;
    const data = this.datasetId ?? null;
    try {
      const details = await this.platform.api.modelDetails({ modelId, ...(data ? { datasetId: data } : {}) });
      if (modelId !== this.modelId || request !== this.detailsRequests) return;
      const before = this.details?.summary.modelId === modelId ? this.details : null;
      const edited = before !== null && typicalForm(before).some((text, i) => text !== this.form[i]);
      this.details = details;
      this.detailsData = data;
      if (edited) return;
      this.form = typicalForm(details);
      this.single = null;
    } catch (error) {
      if (request === this.detailsRequests) this.failed(messages.resultsFailed, error);
    }
  }

  async predictOne(): Promise<void> {
    const modelId = this.modelId;
    if (!modelId || !this.details) return;
    const request = ++this.predictRequest;
    const newest = () => request === this.predictRequest && modelId === this.modelId;
    this.predicting = true;
    try {
      const values = this.details.inputs.map((input, i) => ({ column: input.name, value: this.form[i] ?? '' }));
      const threshold = this.effectiveThreshold;
      const single = await this.platform.api.predictOne({ modelId, values, threshold });
      if (!newest()) return;
      this.single = single;
      this.singleThreshold = threshold;
    } catch (error) {
      if (newest()) this.failed(messages.predictFailed, error);
    } finally {
      if (request === this.predictRequest) this.predicting = false;
    }
  }

  resetForm(): void {
    if (this.details) this.form = typicalForm(this.details);
    this.single = null;
  }

  /** Picks a file and predicts every row with the shown model (progress and cancel in `files`). */
  async predictFile(): Promise<void> {
    if (this.modelId) await this.files.predict(this.modelId, this.effectiveThreshold);
  }

  onEvent(event: AppEvent): void {
    this.files.onEvent(event);
  }

  async exportModel(format: ExportFormat): Promise<void> {
    const model = this.selected;
    if (!model) return;
    const base = `${model.sourceName.replace(/\.[^.]+$/, '')}-${model.modelId}`;
    const [purpose, name] = ({ json: ['model', `${base}.json`], tfjs: ['tfjs', `${base}-tfjs`], keras: ['keras', `${base}-keras.py`], onnx: ['onnx', `${base}.onnx`], pytorch: ['pytorch', `${base}-pytorch.py`] } as const)[format];
    const threshold = model.task === 'binary' ? this.effectiveThreshold : undefined;
    await this.saver.save(purpose, messages.exportWhat[format], name, (destination) => this.platform.api.exportModel({ modelId: model.modelId, format, destination, threshold }));
  }

  async openModelFile(): Promise<void> {
    try {
      const picked = await this.platform.pickFile('model');
      if (!picked) return;
      const summary = await this.platform.api.openModelFile({ source: await picked.prepare(new AbortController().signal) });
      // The notice comes once the model is in the picker, so "is open" is true when it is read.
      await this.show(summary.modelId);
      this.notices.push('success', messages.modelOpened(summary.label));
    } catch (error) {
      this.failed(messages.modelOpenFailed, error);
    }
  }

  private thresholdAndData(): { threshold?: number; datasetId?: string } {
    return { ...(this.selected?.task === 'binary' ? { threshold: this.effectiveThreshold } : {}), ...(this.datasetId ? { datasetId: this.datasetId } : {}) };
  }

  private evaluationKey(): string {
    return `${this.modelId}:${this.split}:${this.datasetId ?? ''}`;
  }

  private clearModelViews(): void {
    this.evaluation = null;
    this.details = null;
    this.cell = null;
    this.cellRows = null;
    this.single = null;
    // A reply still on its way is for the model no longer shown.
    this.predictRequest++;
    this.predicting = false;
    this.evaluatedWith = null;
    this.files.clear();
  }

  private failed(title: string, error: unknown): void {
    this.notices.push('error', title, error instanceof Error ? error.message : String(error));
  }
}
