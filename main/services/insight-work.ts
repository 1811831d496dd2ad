/**
 * The engine work behind the insight calls, one function each with plain inputs: a model and an open dataset by
 * id, the rows of it that judge the model (main finds them), numbers or a written file out. Importance, partial
 * dependence, the neurons' activity and the report all grow with rows × columns (× repeats), so they belong in the
 * engine worker pool (main/services/engine-pool) as evaluation does: the app's services run each as one pool call
 * (PoolInsightWork), and the pool's workers do it with InThreadInsightWork, on their own thread.
 */
import { permutationImportance, type ImportanceOptions, type ImportanceResult } from '../../engine/insight/importance.ts';
import { networkPicture, type NetworkPicture } from '../../engine/insight/network-picture.ts';
import { whatIf, type WhatIfResult } from '../../engine/insight/what-if.ts';
import { cleanedData } from '../../engine/model/cleaned-data.ts';
import type { LoadedModel } from '../../engine/model/load-model.ts';
import type { RecordValue } from '../../engine/table/records.ts';
import { takeRows } from '../../engine/prep/table-ops.ts';
import type { Table } from '../../engine/table/table.ts';
import { saveReport } from '../report/save-report.ts';
import type { ReportSources } from '../report/report-input.ts';

/** Rows of an open dataset, by index: usually the model's test rows. */
export interface DatasetRows {
  readonly datasetId: string;
  readonly rows: Int32Array;
}

export interface WhatIfWork {
  readonly column: string;
  /** The form's row. */
  readonly record: Readonly<Record<string, RecordValue>>;
  /** Rows to average over (partial dependence); null when none are at hand. */
  readonly average: DatasetRows | null;
}

export interface ReportWork extends Omit<ReportSources, 'model' | 'data'> {
  /** The data the report judges the model on (its training file, or another file holding the target); null: none at hand. */
  readonly data: { readonly datasetId: string; readonly sha256: string; readonly name: string } | null;
}

export interface InsightWork {
  importance(modelId: string, judged: DatasetRows, options: ImportanceOptions): Promise<ImportanceResult>;
  whatIf(modelId: string, work: WhatIfWork): Promise<WhatIfResult>;
  /** The trained network's picture, with the activity of `activity`'s rows when given. */
  picture(modelId: string, activity: DatasetRows | null): Promise<NetworkPicture>;
  saveReport(modelId: string, path: string, work: ReportWork): Promise<{ bytes: number; notes: readonly string[] }>;
}

/** Where the work finds what it reads: the open datasets' tables and the models main holds. */
export interface InsightSources {
  tableOf(datasetId: string): Table;
  modelOf(modelId: string): LoadedModel;
}

export class InThreadInsightWork implements InsightWork {
  constructor(private readonly sources: InsightSources) {}

  async importance(modelId: string, judged: DatasetRows, options: ImportanceOptions): Promise<ImportanceResult> {
    return permutationImportance(this.sources.modelOf(modelId), this.sources.tableOf(judged.datasetId), judged.rows, options);
  }

  async whatIf(modelId: string, { column, record, average }: WhatIfWork): Promise<WhatIfResult> {
    const rows = average ? { rows: { table: this.sources.tableOf(average.datasetId), rows: average.rows } } : {};
    return whatIf(this.sources.modelOf(modelId), { column, record, ...rows });
  }

  async picture(modelId: string, activity: DatasetRows | null): Promise<NetworkPicture> {
    const model = this.sources.modelOf(modelId);
    if (!activity) return networkPicture(model);
    const data = cleanedData(model, takeRows(this.sources.tableOf(activity.datasetId), activity.rows));
    return networkPicture(model, { rows: { x: data.x, rows: data.rows } });
  }

  async saveReport(modelId: string, path: string, { data, ...work }: ReportWork): Promise<{ bytes: number; notes: readonly string[] }> {
    const table = data ? { table: this.sources.tableOf(data.datasetId), sha256: data.sha256, name: data.name } : null;
    return saveReport(path, { ...work, model: this.sources.modelOf(modelId), data: table });
  }
}
