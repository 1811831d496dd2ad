/** What the insight calls (main/api/calls/insight-calls.ts) do: importance, what-if, the network picture, the report. */
import { isUserFacingError, UserFacingError } from '../../../engine/errors.ts';
import { DEFAULT_MAX_ROWS, DEFAULT_REPEATS, type ImportanceResult } from '../../../engine/insight/importance.ts';
import type { LoadedModel } from '../../../engine/model/load-model.ts';
import type { Table } from '../../../engine/table/table.ts';
import { appIdentity } from '../../export/app-identity.ts';
import { rowsOf } from '../../results/judged-rows.ts';
import type { TrainedModel } from '../../services/model-registry.ts';
import type { insightCalls } from '../calls/insight-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import { saveOne } from './files.ts';
import type { Services } from '../handlers.ts';

const IMPORTANCE_SEED = 42;

/** A model's judged rows: its test rows in the open dataset they index, with words for them. */
interface Judged {
  readonly datasetId: string;
  /** The dataset's table: the importance cache is kept per table (a changed column type makes a new one). */
  readonly table: Table;
  readonly rows: Int32Array;
  readonly rowsText: string;
  readonly name: string;
  readonly sha256: string;
}

export function createInsightHandlers(services: Services): AreaHandlers<typeof insightCalls> {
  const { models, datasets, insight } = services;
  const importanceCache = new WeakMap<Table, Map<string, ImportanceResult>>();

  function modelOf(modelId: string): { entry: TrainedModel; model: LoadedModel } {
    const { entry, loaded } = models.open(modelId);
    return { entry, model: loaded };
  }

  /** A model file's test rows in its open training data: the recipe's seeded split, prepared once per dataset and recipe. */
  async function testRowsOf(model: LoadedModel, datasetId: string, name: string): Promise<Int32Array> {
    return onRows(name, async () => (await services.recipes.prepared(datasetId, model.recipe.recipe)).test.rowIndex);
  }

  /** The test rows of a run (kept by the run), or of a model file whose training data is the open dataset. */
  async function judged(entry: TrainedModel, model: LoadedModel, datasetId: string | undefined): Promise<Judged | string> {
    const source = model.file.provenance.source;
    const own = entry.result?.test ? datasets.find(entry.datasetId) : null;
    if (own && entry.result?.test) {
      return { datasetId: own.summary.datasetId, table: own.table, rows: entry.result.test.rowIndex, rowsText: `the ${entry.result.test.rows.toLocaleString('en-US')} test rows of ${own.summary.name}`, name: own.summary.name, sha256: own.summary.sha256 };
    }
    const open = datasets.find(datasetId);
    if (open && open.summary.sha256 === source.sha256) {
      const rows = await testRowsOf(model, open.summary.datasetId, open.summary.name);
      return { datasetId: open.summary.datasetId, table: open.table, rows, rowsText: `the ${rows.length.toLocaleString('en-US')} test rows of ${open.summary.name}`, name: open.summary.name, sha256: open.summary.sha256 };
    }
    if (entry.result && !entry.result.test) return 'This run kept no test rows (its split gives them 0%), so there is nothing to shuffle.';
    return `Open the data this model was trained on (${source.name}) in the Data step: its test rows are what this is measured on.`;
  }

  /** Work on the judged rows can fail when the open table no longer reads as the model expects (a changed column type). */
  function onRows<T>(name: string, work: () => T): T {
    const explain = (error: unknown): never => {
      if (!isUserFacingError(error)) throw error;
      throw new UserFacingError(error.code, `The test rows of ${name} could not be prepared again (${error.message}) — was a column's type changed since training?`);
    };
    try {
      const result = work();
      return (result instanceof Promise ? result.catch(explain) : result) as T;
    } catch (error) {
      return explain(error);
    }
  }

  return {
    importance: async ({ modelId, datasetId, repeats = DEFAULT_REPEATS, seed = IMPORTANCE_SEED }) => {
      const { entry, model } = modelOf(modelId);
      const rows = await judged(entry, model, datasetId);
      if (typeof rows === 'string') return { status: 'unavailable', message: rows };
      const byKey = importanceCache.get(rows.table) ?? new Map<string, ImportanceResult>();
      importanceCache.set(rows.table, byKey);
      const key = `${modelId}:${repeats}:${seed}`;
      let result = byKey.get(key);
      if (!result) {
        result = await onRows(rows.name, () => insight.importance(modelId, rows, { repeats, seed, maxRows: DEFAULT_MAX_ROWS }));
        byKey.set(key, result);
      }
      return { status: 'ready', result, rowsText: `${rowsOf(result, 'test rows')} of ${rows.name}` };
    },
    whatIf: async ({ modelId, datasetId, column, values }) => {
      const { entry, model } = modelOf(modelId);
      const unknown = values.find((value) => !model.recipe.inputSchema.some((input) => input.name === value.column));
      if (unknown) throw new UserFacingError('unknown-column', `The model has no input named "${unknown.column}". Reload the form from the model and try again.`);
      const record = Object.fromEntries(values.map((value) => [value.column, value.value.trim() || null]));
      const rows = await judged(entry, model, datasetId);
      if (typeof rows === 'string') return { ...(await insight.whatIf(modelId, { column, record, average: null })), averageNote: rows };
      return { ...(await onRows(rows.name, () => insight.whatIf(modelId, { column, record, average: rows }))), averageNote: null };
    },
    networkPicture: async ({ modelId, datasetId }) => {
      const { entry, model } = modelOf(modelId);
      const rows = await judged(entry, model, datasetId);
      if (typeof rows === 'string') return { picture: await insight.picture(modelId, null), rowsText: null };
      return { picture: await onRows(rows.name, () => insight.picture(modelId, rows)), rowsText: rows.rowsText };
    },
    saveReport: async ({ modelId, datasetId, threshold, destination }) => {
      const { entry, model } = modelOf(modelId);
      const rows = await judged(entry, model, datasetId);
      const app = await appIdentity();
      const versions = services.info.versions;
      const runtime = versions.electron ? `Electron ${versions.electron}` : `Node ${versions.node}, in a browser`;
      const base = `${model.file.provenance.source.name.replace(/\.[^.]+$/, '')}-${modelId}-report.html`.replace(/[^A-Za-z0-9_.-]+/g, '-');
      const data = typeof rows === 'string' ? null : { datasetId: rows.datasetId, sha256: rows.sha256, name: rows.name };
      const work = { label: entry.label, data, ...(threshold !== undefined ? { threshold } : {}), importance: { repeats: DEFAULT_REPEATS, seed: IMPORTANCE_SEED, maxRows: DEFAULT_MAX_ROWS }, writer: { ...app, runtime } };
      const write = (path: string) => insight.saveReport(modelId, path, work);
      return saveOne(services, destination, base, async (path) => void (await (typeof rows === 'string' ? write(path) : onRows(rows.name, () => write(path)))));
    },
  };
}
