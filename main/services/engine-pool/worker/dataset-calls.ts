/** Engine work on an open dataset, in a worker: loading, the Data step's profile and column changes, and every recipe run. */
import { UserFacingError } from '../../../../engine/errors.ts';
import { defaultRecipe, detectTask, suggestRecipe } from '../../../../engine/prep/index.ts';
import { countLabels } from '../../../../engine/prep/labels.ts';
import { planTarget, rowsWithTarget } from '../../../../engine/prep/target.ts';
import { suggestTarget } from '../../../../engine/prep/target-choice.ts';
import { suggestCodeColumns } from '../../../../engine/table/code-columns.ts';
import { convertColumnType } from '../../../../engine/table/convert.ts';
import { markMissing } from '../../../../engine/table/mark-missing.ts';
import { profileColumn } from '../../../../engine/table/profile.ts';
import { findColumn, missingCount, type Column, type Table } from '../../../../engine/table/table.ts';
import { saveCleanedCsv } from '../../../export/cleaned-csv.ts';
import { loadTable } from '../../../io/load-table.ts';
import { profileOf, skewnessOf } from '../../../results/dataset-profile.ts';
import { cleanedOf, recipePreviewOf } from '../../../results/recipe-preview.ts';
import { shareColumn, shareLoadedTable } from '../shared-memory.ts';
import { watchStages, type CallHandlers } from './call-context.ts';

type DatasetCalls = Pick<CallHandlers, 'loadTable' | 'profile' | 'suggestTarget' | 'suggest' | 'changeColumn' | 'recipePreview' | 'preparedPreview' | 'prepare' | 'saveCleanedCsv'>;

function requireColumnNamed(table: Table, name: string): Column {
  const column = findColumn(table, name);
  if (!column) throw new UserFacingError('unknown-column', `This dataset has no column "${name}". Choose one of its columns.`);
  return column;
}

export const datasetCalls: DatasetCalls = {
  loadTable: async ({ path, options }, context) => {
    const loaded = await loadTable(path, { ...options, signal: context.signal, onProgress: (progress) => context.progress(progress) });
    const table = shareLoadedTable(loaded.table);
    return { ...loaded, table, missing: table.columns.map(missingCount) };
  },

  profile: ({ datasetId, quotedColumns }, context) => {
    const table = context.session.table(datasetId);
    const { rows, duplicateRows, columns, skewness } = profileOf(table);
    return { rows, duplicateRows, columns, skewness, typeSuggestions: suggestCodeColumns(table, new Set(quotedColumns)) };
  },

  suggestTarget: ({ datasetId, options }, context) => suggestTarget(context.session.table(datasetId), options),

  suggest: ({ datasetId, target, task, positiveLabel, preferredTarget }, context) => {
    const table = context.session.table(datasetId);
    if (target !== undefined) requireColumnNamed(table, target);
    const recipe =
      target === undefined
        ? defaultRecipe(table, { preferredTarget })
        : suggestRecipe(table, { target, ...(task ? { task } : {}), ...(positiveLabel !== undefined ? { positiveLabel } : {}) });
    const column = requireColumnNamed(table, recipe.target.column);
    const detectedTask = detectTask(column, countLabels(column, rowsWithTarget(column)));
    const plan = planTarget(column, rowsWithTarget(column), recipe.target);
    return { recipe, detectedTask, classLabels: plan.classLabels ?? [] };
  },

  changeColumn: ({ column, change }) => {
    const changed = 'type' in change ? convertColumnType(column, change.type) : markMissing(column, change.markers);
    const shared = changed === column ? null : shareColumn(changed);
    return { column: shared, profile: profileColumn(changed), skewness: skewnessOf(changed), missing: missingCount(changed) };
  },

  recipePreview: ({ datasetId, recipe, rows }, context) =>
    recipePreviewOf(context.session.table(datasetId), () => context.session.recipes.preview(datasetId, recipe, rows, watchStages(context))),

  preparedPreview: ({ datasetId, recipe, rows }, context) => context.session.recipes.preview(datasetId, recipe, rows, watchStages(context)),

  prepare: ({ datasetId, recipe }, context) => context.session.recipes.prepared(datasetId, recipe, watchStages(context)),

  saveCleanedCsv: async ({ datasetId, recipe, path }, context) => {
    const cleaned = cleanedOf(await context.session.recipes.prepared(datasetId, recipe, watchStages(context)));
    await saveCleanedCsv(path, cleaned);
    return { rows: cleaned.rows };
  },
};
