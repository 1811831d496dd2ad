/**
 * Importance, what-if, the network picture and the report, in an engine worker: the same work as on main's
 * thread (InThreadInsightWork), reading the tables and models main sent this worker.
 */
import { InThreadInsightWork } from '../../insight-work.ts';
import type { CallHandlers } from './call-context.ts';
import type { WorkerSession } from './sessions.ts';

type InsightCalls = Pick<CallHandlers, 'importance' | 'whatIf' | 'picture' | 'saveReport'>;

function insightOf(session: WorkerSession): InThreadInsightWork {
  return new InThreadInsightWork({ tableOf: (datasetId) => session.table(datasetId), modelOf: (modelId) => session.model(modelId).loaded });
}

export const insightCalls: InsightCalls = {
  importance: ({ modelId, judged, options }, { session }) => insightOf(session).importance(modelId, judged, options),
  whatIf: ({ modelId, work }, { session }) => insightOf(session).whatIf(modelId, work),
  picture: ({ modelId, activity }, { session }) => insightOf(session).picture(modelId, activity),
  saveReport: ({ modelId, path, work }, { session }) => insightOf(session).saveReport(modelId, path, work),
};
