/** What the Data step's column cards and the Clean step's calls (main/api/calls/recipe-calls.ts) do, in terms of the services. */
import { isUserFacingError, UserFacingError } from '../../../engine/errors.ts';
import type { CleanedData } from '../../../engine/model/cleaned-data.ts';
import { defaultRecipe, detectTask, suggestRecipe } from '../../../engine/prep/index.ts';
import { countLabels } from '../../../engine/prep/labels.ts';
import { skewness } from '../../../engine/prep/stats.ts';
import { planTarget, rowsWithTarget } from '../../../engine/prep/target.ts';
import type { DataSplit, Prepared, PreparedPreview } from '../../../engine/prep/types.ts';
import { convertColumnType } from '../../../engine/table/convert.ts';
import { profileColumn, profileTable, type TableProfile } from '../../../engine/table/profile.ts';
import { markMissing } from '../../../engine/table/mark-missing.ts';
import { findColumn, type Column, type Table } from '../../../engine/table/table.ts';
import { saveCleanedCsv } from '../../export/cleaned-csv.ts';
import { cleanedFileName, type DatasetProfile, type PreviewRows, type PreviewStage, type RecipePreview, type recipeCalls } from '../calls/recipe-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';
import { saveOne } from './files.ts';

const DEFAULT_PREVIEW_ROWS = 50;
const SPLITS = ['train', 'validation', 'test'] as const;

/** Profiles are computed once per table; a type change makes a new table, and so a new profile. */
const profiles = new WeakMap<Table, TableProfile & { readonly skewness: Record<string, number> }>();

function profileOf(table: Table): TableProfile & { readonly skewness: Record<string, number> } {
  let profile = profiles.get(table);
  if (!profile) {
    const skewness: Record<string, number> = {};
    for (const column of table.columns) {
      const skew = skewnessOf(column);
      if (skew !== null) skewness[column.name] = skew;
    }
    profile = { ...profileTable(table), skewness };
    profiles.set(table, profile);
  }
  return profile;
}

function skewnessOf(column: Column): number | null {
  return column.storage === 'number' && column.type !== 'datetime' ? skewness(column.values) : null;
}

function requireColumnNamed(table: Table, name: string) {
  const column = findColumn(table, name);
  if (!column) throw new UserFacingError('unknown-column', `This dataset has no column "${name}". Choose one of its columns.`);
  return column;
}

function stagesOf(prepared: Pick<Prepared, 'reports'>, table: Table): PreviewStage[] {
  let rows = table.rowCount;
  let columns = table.columns.length;
  return prepared.reports.map((report) => {
    rows -= report.rowsRemoved;
    columns += report.columnsAdded.length - report.columnsRemoved.length;
    return { report, rowsAfter: rows, columnsAfter: columns };
  });
}

/** Every prepared row with its split, in the order of the source file. */
function rowsInFileOrder(prepared: Prepared): { split: number; index: number; source: number }[] {
  const splits: DataSplit[] = [prepared.train, prepared.validation, prepared.test];
  return splits.flatMap((s, split) => Array.from(s.rowIndex, (source, index) => ({ split, index, source }))).sort((a, b) => a.source - b.source);
}

function previewRows({ fitted, first }: PreparedPreview): PreviewRows {
  const width = fitted.features.length;
  const rows = Array.from(first.rowIndex, (_, i) => i);
  return {
    dataRows: Array.from(first.rowIndex, (source) => source + 1),
    split: Array.from(first.split, (s) => SPLITS[s]!),
    x: rows.map((i) => Array.from(first.x.subarray(i * width, (i + 1) * width))),
    y: Array.from(first.y),
  };
}

/** The prepared matrices as one cleaned dataset, rows in file order. */
function cleanedOf(prepared: Prepared): CleanedData {
  const width = prepared.fitted.features.length;
  const splits: DataSplit[] = [prepared.train, prepared.validation, prepared.test];
  const rows = rowsInFileOrder(prepared);
  const x = new Float32Array(rows.length * width);
  const y = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    const split = splits[r.split]!;
    x.set(split.x.subarray(r.index * width, (r.index + 1) * width), i * width);
    y[i] = split.y[r.index]!;
  });
  return { features: prepared.fitted.features, x, rows: rows.length, rowIndex: Int32Array.from(rows, (r) => r.source), rejected: [], target: { name: prepared.fitted.target.column, y } };
}

export function createRecipeHandlers(services: Services): AreaHandlers<typeof recipeCalls> {
  const { datasets } = services;

  /** Columns as they were before the user's missing markers, by dataset and name, so markers can change. */
  const unmarked = new Map<string, Map<string, Column>>();
  return {
    profileDataset: async ({ datasetId }): Promise<DatasetProfile> => {
      const profile = profileOf(datasets.get(datasetId).table);
      return { datasetId, rows: profile.rows, duplicateRows: profile.duplicateRows, columns: profile.columns, skewness: profile.skewness };
    },

    setColumnType: async ({ datasetId, column, type }) => {
      const { table } = datasets.get(datasetId);
      const converted = convertColumnType(requireColumnNamed(table, column), type);
      const summary = datasets.replaceColumn(datasetId, converted, { type });
      // The converted column, markers and all, is the new starting point.
      unmarked.get(datasetId)?.delete(column);
      return { summary, profile: profileColumn(converted), skewness: skewnessOf(converted) };
    },

    setMissingMarkers: async ({ datasetId, column, markers }) => {
      const { table } = datasets.get(datasetId);
      // Datasets the store has let go of take their columns with them.
      for (const id of unmarked.keys()) if (!datasets.has(id)) unmarked.delete(id);
      const byName = unmarked.get(datasetId) ?? new Map<string, Column>();
      const original = byName.get(column) ?? requireColumnNamed(table, column);
      const marked = markMissing(original, markers);
      if (marked === original) byName.delete(column);
      else byName.set(column, original);
      unmarked.set(datasetId, byName);
      return { summary: datasets.replaceColumn(datasetId, marked, { markers }), profile: profileColumn(marked), skewness: skewnessOf(marked) };
    },

    suggestRecipe: async ({ datasetId, target, task, positiveLabel }) => {
      const { table, summary } = datasets.get(datasetId);
      if (target !== undefined) requireColumnNamed(table, target);
      const recipe =
        target === undefined
          ? defaultRecipe(table, { preferredTarget: services.samples.targetOf(summary) })
          : suggestRecipe(table, { target, ...(task ? { task } : {}), ...(positiveLabel !== undefined ? { positiveLabel } : {}) });
      const column = requireColumnNamed(table, recipe.target.column);
      const detectedTask = detectTask(column, countLabels(column, rowsWithTarget(column)));
      const plan = planTarget(column, rowsWithTarget(column), recipe.target);
      return { recipe, detectedTask, classLabels: plan.classLabels ?? [] };
    },

    previewRecipe: async ({ datasetId, recipe, rows }): Promise<RecipePreview> => {
      const { table } = datasets.get(datasetId);
      let prepared: PreparedPreview;
      try {
        prepared = await services.recipes.preview(datasetId, recipe, rows ?? DEFAULT_PREVIEW_ROWS);
      } catch (error) {
        if (!isUserFacingError(error)) throw error;
        return { ok: false, code: error.code, message: error.message, stepId: error.stepId };
      }
      return {
        ok: true,
        rowsBefore: table.rowCount,
        columnsBefore: table.columns.length,
        stages: stagesOf(prepared, table),
        rows: prepared.rows,
        features: prepared.fitted.features,
        task: prepared.fitted.target.task,
        classLabels: prepared.fitted.target.classLabels ?? [],
        states: Object.fromEntries(prepared.fitted.steps.map((s) => [s.id, s.state])),
        preview: previewRows(prepared),
      };
    },

    saveCleanedCsv: async ({ datasetId, recipe, destination }) => {
      const { summary } = datasets.get(datasetId);
      const cleaned = cleanedOf(await services.recipes.prepared(datasetId, recipe));
      const saved = await saveOne(services, destination, cleanedFileName(summary.name), (path) => saveCleanedCsv(path, cleaned));
      return { ...saved, rows: cleaned.rows };
    },
  };
}
