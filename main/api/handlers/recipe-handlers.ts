/**
 * What the Data step's column cards and the Clean step's calls (main/api/calls/recipe-calls.ts) do, in terms of
 * the services. The work itself runs in the engine pool (services.engine); main keeps the tables' summaries and
 * which preview is the newest.
 */
import { UserFacingError } from '../../../engine/errors.ts';
import { findColumn, type Column, type Table } from '../../../engine/table/table.ts';
import type { ChangedColumn, ColumnChange } from '../../services/engine-pool/protocol.ts';
import { cleanedFileName, type ColumnTypeChanged, type recipeCalls } from '../calls/recipe-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import { NewestWins } from './newest-wins.ts';
import type { Services } from '../handlers.ts';
import { saveOne } from './files.ts';
import { targetSuggestionFor } from './target-choice.ts';

const DEFAULT_PREVIEW_ROWS = 50;

function requireColumnNamed(table: Table, name: string): Column {
  const column = findColumn(table, name);
  if (!column) throw new UserFacingError('unknown-column', `This dataset has no column "${name}". Choose one of its columns.`);
  return column;
}

export function createRecipeHandlers(services: Services): AreaHandlers<typeof recipeCalls> {
  const { datasets, engine, events, operations } = services;

  /** Columns as they were before the user's missing markers, by dataset and name, so markers can change. */
  const unmarked = new Map<string, Map<string, Column>>();
  /** The newest preview asked for, by dataset: a newer one cancels it. */
  const previews = new NewestWins();

  function changed(datasetId: string, column: Column, result: ChangedColumn, edit: ColumnChange): ColumnTypeChanged {
    const summary = datasets.replaceColumn(datasetId, result.column ?? column, edit, result.missing);
    return { summary, profile: result.profile, skewness: result.skewness };
  }

  return {
    profileDataset: async ({ datasetId }) => {
      const { loaded } = datasets.get(datasetId);
      return { datasetId, ...(await engine.call('profile', { datasetId, quotedColumns: loaded.source.quotedColumns ?? [] })) };
    },

    setColumnTypes: async ({ datasetId, changes }) => {
      const { table } = datasets.get(datasetId);
      const originals = changes.map(({ column }) => requireColumnNamed(table, column));
      // Every column is converted (in the pool, side by side) before any is replaced: a refused one leaves the dataset as it was.
      const results = await Promise.all(changes.map(({ type }, i) => engine.call('changeColumn', { column: originals[i]!, change: { type } })));
      let summary = datasets.get(datasetId).summary;
      const columns = results.map((result, i) => {
        const { summary: after, ...column } = changed(datasetId, originals[i]!, result, { type: changes[i]!.type });
        summary = after;
        unmarked.get(datasetId)?.delete(changes[i]!.column);
        return column;
      });
      return { summary, columns };
    },

    setColumnType: async ({ datasetId, column, type }) => {
      const original = requireColumnNamed(datasets.get(datasetId).table, column);
      const result = await engine.call('changeColumn', { column: original, change: { type } });
      // The converted column, markers and all, is the new starting point.
      unmarked.get(datasetId)?.delete(column);
      return changed(datasetId, original, result, { type });
    },

    setMissingMarkers: async ({ datasetId, column, markers }) => {
      const { table } = datasets.get(datasetId);
      // Datasets the store has let go of take their columns with them.
      for (const id of unmarked.keys()) if (!datasets.has(id)) unmarked.delete(id);
      const byName = unmarked.get(datasetId) ?? new Map<string, Column>();
      const original = byName.get(column) ?? requireColumnNamed(table, column);
      const result = await engine.call('changeColumn', { column: original, change: { markers } });
      if (result.column === null) byName.delete(column);
      else byName.set(column, original);
      unmarked.set(datasetId, byName);
      return changed(datasetId, original, result, { markers });
    },

    suggestTarget: ({ datasetId }) => targetSuggestionFor(services, datasetId),

    suggestRecipe: async ({ datasetId, target, task, positiveLabel }) => {
      const { summary } = datasets.get(datasetId);
      const preferredTarget = target === undefined ? services.samples.targetOf(summary) : undefined;
      return engine.call('suggest', {
        datasetId,
        ...(target !== undefined ? { target } : {}),
        ...(task ? { task } : {}),
        ...(positiveLabel !== undefined ? { positiveLabel } : {}),
        ...(preferredTarget !== undefined ? { preferredTarget } : {}),
      });
    },

    previewRecipe: async ({ datasetId, recipe, rows, operationId }) => {
      datasets.get(datasetId);
      const preview = (cancelled?: AbortSignal) =>
        previews.run(datasetId, async (newest) => {
          try {
            return await engine.call('recipePreview', { datasetId, recipe, rows: rows ?? DEFAULT_PREVIEW_ROWS }, {
              signal: cancelled ? AbortSignal.any([newest, cancelled]) : newest,
              ...(operationId ? { onProgress: (progress) => events.publish({ type: 'previewProgress', operationId, datasetId, ...progress }) } : {}),
            });
          } finally {
            if (operationId) events.flush(operationId);
          }
        });
      return operationId ? operations.run(operationId, preview) : preview();
    },

    saveCleanedCsv: async ({ datasetId, recipe, destination }) => {
      const { summary } = datasets.get(datasetId);
      let rows = 0;
      const saved = await saveOne(services, destination, cleanedFileName(summary.name), async (path) => {
        ({ rows } = await engine.call('saveCleanedCsv', { datasetId, recipe, path }));
      });
      return { ...saved, rows };
    },
  };
}
