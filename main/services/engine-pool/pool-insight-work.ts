/** The insight work (importance, what-if, the network picture, the report) run in the engine pool, not on main's thread. */
import type { ImportanceOptions, ImportanceResult } from '../../../engine/insight/importance.ts';
import type { NetworkPicture } from '../../../engine/insight/network-picture.ts';
import type { WhatIfResult } from '../../../engine/insight/what-if.ts';
import type { DatasetRows, InsightWork, ReportWork, WhatIfWork } from '../insight-work.ts';
import type { EngineSession } from './engine-session.ts';

export class PoolInsightWork implements InsightWork {
  constructor(private readonly engine: EngineSession) {}

  importance(modelId: string, { datasetId, rows }: DatasetRows, options: ImportanceOptions): Promise<ImportanceResult> {
    return this.engine.call('importance', { modelId, judged: { datasetId, rows }, options });
  }

  whatIf(modelId: string, { column, record, average }: WhatIfWork): Promise<WhatIfResult> {
    return this.engine.call('whatIf', { modelId, work: { column, record, average: average && { datasetId: average.datasetId, rows: average.rows } } });
  }

  picture(modelId: string, activity: DatasetRows | null): Promise<NetworkPicture> {
    return this.engine.call('picture', { modelId, activity: activity && { datasetId: activity.datasetId, rows: activity.rows } });
  }

  saveReport(modelId: string, path: string, work: ReportWork): Promise<{ bytes: number; notes: readonly string[] }> {
    return this.engine.call('saveReport', { modelId, path, work });
  }
}
