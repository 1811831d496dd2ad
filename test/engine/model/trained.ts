/**
 * Small real trainings shared by the model-file tests (each trained once per test file): titanic (binary, with
 * imputation, one-hot encoding and scaling from the suggested recipe), iris (3 classes, with batch
 * normalization, dropout and leaky_relu), housing (regression with a scaled target).
 */
import { resolve } from 'node:path';
import { buildModelFile, type ModelFile } from '../../../engine/model/model-file.ts';
import { runTrainingJob, type TrainingResult } from '../../../engine/pipeline/train-job.ts';
import { defaultTrainingSettings, denseStack, type NetworkDesign, type TrainingSettings } from '../../../engine/pipeline/training-settings.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { Table } from '../../../engine/table/table.ts';
import { modelSource } from '../../../main/export/app-identity.ts';
import { loadTable, type LoadedTable } from '../../../main/io/load-table.ts';

export const DATASETS = resolve(import.meta.dirname, '../../../../shared/datasets');

export interface Trained {
  readonly loaded: LoadedTable;
  readonly table: Table;
  readonly result: TrainingResult;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly file: ModelFile;
}

const CASES = {
  titanic: { file: 'titanic.csv', target: 'Survived', design: { hidden: denseStack([8, 4]) }, epochs: 15 },
  iris: {
    file: 'iris.csv',
    target: 'species',
    design: { hidden: [{ type: 'dense', units: 8, activation: 'leaky_relu' }, { type: 'batchNormalization' }, { type: 'dropout', rate: 0.1 }, { type: 'dense', units: 6, activation: 'gelu' }] },
    epochs: 40,
  },
  housing: { file: 'housing.csv', target: 'median_house_value', design: { hidden: denseStack([8], 'swish') }, epochs: 2 },
} as const satisfies Record<string, { file: string; target: string; design: NetworkDesign; epochs: number }>;

export type CaseName = keyof typeof CASES;
const cache = new Map<CaseName, Promise<Trained>>();

async function train(name: CaseName): Promise<Trained> {
  const spec = CASES[name];
  const loaded = await loadTable(resolve(DATASETS, spec.file));
  const settings = defaultTrainingSettings({ epochs: spec.epochs, seed: 7 });
  const result = runTrainingJob({ table: loaded.table, recipe: suggestRecipe(loaded.table, { target: spec.target }), design: spec.design, settings });
  const file = buildModelFile({
    result,
    design: spec.design,
    settings,
    source: modelSource(loaded),
    app: { name: 'Layerlab', version: '0.1.0' },
    created: new Date('2025-01-31T12:00:00.000Z'),
  });
  return { loaded, table: loaded.table, result, design: spec.design, settings, file };
}

export function trained(name: CaseName): Promise<Trained> {
  if (!cache.has(name)) cache.set(name, train(name));
  return cache.get(name)!;
}
