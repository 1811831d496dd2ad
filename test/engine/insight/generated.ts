/**
 * Tables where the truth is known, for the insight tests: the target depends on some inputs only (a number and a
 * category), the others are noise, and an ID column is there for the recipe to drop. Trained once per test file
 * on the suggested recipe, through the same training job as the app.
 */
import { buildModelFile } from '../../../engine/model/model-file.ts';
import { loadModel, type LoadedModel } from '../../../engine/model/load-model.ts';
import { runTrainingJob, type TrainingResult } from '../../../engine/pipeline/train-job.ts';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { Table } from '../../../engine/table/table.ts';
import { cat, num, tableOf } from '../prep/fixtures.ts';

export type Truth = 'binary' | 'multiclass' | 'regression';

const COLORS = ['red', 'green', 'blue'] as const;
const NOISE_LEVELS = ['a', 'b', 'c', 'd'] as const;
export const LETTERS = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));

/**
 * `signal` and `color` drive the target, `noise` and `shade` do not, `id` is a row number.
 * binary: signal + color effect > 0; multiclass: 26 classes, the letter at signal's position, shifted by color;
 * regression: 3·signal + color effect + a little noise.
 */
export function truthTable(kind: Truth, rows: number, seed = 1): Table {
  const rng = new Rng(seed);
  const signal: number[] = [];
  const color: string[] = [];
  const noise: number[] = [];
  const shade: string[] = [];
  const target: (string | number)[] = [];
  const effect = { red: 1.5, green: 0, blue: -1.5 };
  for (let i = 0; i < rows; i++) {
    const s = rng.uniform(-2, 2);
    const c = COLORS[rng.int(3)]!;
    signal.push(s);
    color.push(c);
    noise.push(rng.normal());
    shade.push(NOISE_LEVELS[rng.int(4)]!);
    if (kind === 'binary') target.push(s + effect[c] + 0.2 * rng.normal() > 0 ? 'yes' : 'no');
    else if (kind === 'regression') target.push(3 * s + effect[c] + 0.1 * rng.normal());
    else {
      const position = Math.floor(((s + 2) / 4) * 13) * 2 + (c === 'red' ? 1 : 0);
      target.push(LETTERS[Math.min(25, position)]!);
    }
  }
  const targetColumn = kind === 'regression' ? num('target', target as number[]) : cat('target', target as string[]);
  return tableOf(num('id', Array.from({ length: rows }, (_, i) => i + 1), 'id'), num('signal', signal), cat('color', color), num('noise', noise), cat('shade', shade), targetColumn);
}

export interface TrainedTruth {
  readonly table: Table;
  readonly model: LoadedModel;
  readonly result: TrainingResult;
  /** The test rows of the table. */
  readonly testRows: Int32Array;
}

export function trainTruth(kind: Truth, rows: number, epochs: number, hidden: readonly number[] = [16]): TrainedTruth {
  const table = truthTable(kind, rows);
  const settings = defaultTrainingSettings({ epochs, seed: 3, optimizer: { kind: 'adam', learningRate: 0.01 } });
  const design = { hidden: denseStack(hidden) };
  const result = runTrainingJob({ table, recipe: suggestRecipe(table, { target: 'target' }), design, settings });
  const file = buildModelFile({ result, design, settings, source: { name: `truth-${kind}.csv`, sha256: '0'.repeat(64), rows }, app: { name: 'Layerlab', version: '0.1.0' } });
  return { table, model: loadModel(JSON.parse(JSON.stringify(file))), result, testRows: result.test!.rowIndex };
}

/** The table as CSV text (numbers as JavaScript writes them). */
export function truthCsv(table: Table): string {
  const lines = [table.columns.map((c) => c.name).join(',')];
  for (let r = 0; r < table.rowCount; r++) {
    lines.push(table.columns.map((c) => (c.storage === 'number' ? String(c.values[r]) : c.levels[c.codes[r]!]!)).join(','));
  }
  return `${lines.join('\n')}\n`;
}
