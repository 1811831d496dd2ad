/**
 * The Keras script: it compiles (python3 -m py_compile) for every kind of model, and its cleaning — run by
 * pandas on the raw file — gives the same rows, features and target values as Layerlab's recipe, on real
 * datasets whose recipes use every step kind. (Keras itself is not installed here: the network part is checked
 * by the TF.js parity of the same topology, not by running Keras.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cleanedData } from '../../../engine/model/cleaned-data.ts';
import { loadModel } from '../../../engine/model/load-model.ts';
import { buildModelFile, serializeModel, type ModelFile, type ModelMember } from '../../../engine/model/model-file.ts';
import { Network } from '../../../engine/nn/network.ts';
import { networkToJSON } from '../../../engine/nn/network-json.ts';
import { Rng } from '../../../engine/nn/rng.ts';
import { runTrainingJob } from '../../../engine/pipeline/train-job.ts';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import { recipeFromJSON } from '../../../engine/prep/recipe-json.ts';
import type { Table } from '../../../engine/table/table.ts';
import { modelSource } from '../../../main/export/app-identity.ts';
import { kerasScript } from '../../../main/export/keras-script.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { DATASETS, trained, type CaseName } from '../../engine/model/trained.ts';

const tmp = mkdtempSync(join(tmpdir(), 'layerlab-keras-'));
/** Debian's python3 with pandas (python3-pandas); the pyenv python3 on PATH has numpy only. */
const PANDAS_PYTHON = '/usr/bin/python3';
const hasPandas = spawnSync(PANDAS_PYTHON, ['-c', 'import pandas, numpy'], { stdio: 'ignore' }).status === 0;

/** Imports the script as a module, runs load_data + clean(training=False) and writes index, X and y as CSV. */
const DRIVER = `
import importlib.util, sys
spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
X, y = module.clean(module.load_data(sys.argv[2]), training=False)
if y is not None:
    X[module.TARGET] = y.astype("float32")
X.to_csv(sys.argv[3], index_label="__row__")
`;

interface Custom {
  readonly file: string;
  readonly target: string;
  readonly steps: (table: Table) => unknown[];
}

const levelsOf = (table: Table, name: string): string[] => {
  const column = table.columns.find((c) => c.name === name);
  return column?.storage === 'category' ? [...column.levels] : [];
};

const CUSTOM: Record<string, Custom> = {
  adult: {
    file: 'adult.csv',
    target: 'income',
    steps: (table) => [
      { id: 'dups', kind: 'drop-duplicates', params: {} },
      { id: 'adults', kind: 'filter-rows', params: { column: 'age', rule: 'range', min: 17, max: 80, action: 'keep' } },
      { id: 'never', kind: 'filter-rows', params: { column: 'workclass', rule: 'equals', values: ['Never-worked', 'Without-pay'], action: 'remove' } },
      { id: 'drop', kind: 'drop-columns', params: { columns: ['fnlwgt', 'education-num'] } },
      { id: 'fill', kind: 'impute', params: { columns: ['workclass', 'occupation', 'native-country'], strategy: 'most-frequent', addIndicator: true } },
      { id: 'country', kind: 'encode', params: { column: 'native-country', method: 'one-hot', maxLevels: 6 } },
      { id: 'sex', kind: 'encode', params: { column: 'sex', method: 'binary' } },
      { id: 'education', kind: 'encode', params: { column: 'education', method: 'ordinal', order: levelsOf(table, 'education') } },
      ...['workclass', 'marital-status', 'occupation', 'relationship', 'race'].map((column) => ({ id: `hot-${column}`, kind: 'encode', params: { column, method: 'one-hot' } })),
      { id: 'gain', kind: 'outliers', params: { columns: ['capital-gain'], method: 'percentile', lowerPercentile: 0, upperPercentile: 99, action: 'clip' } },
      { id: 'log', kind: 'log-transform', params: { columns: ['capital-loss', 'capital-gain'] } },
      { id: 'minmax', kind: 'scale', params: { columns: ['age', 'education'], method: 'min-max' } },
      { id: 'robust', kind: 'scale', params: { columns: ['hours-per-week', 'capital-loss'], method: 'robust' } },
    ],
  },
  diabetes: {
    file: 'diabetes.csv',
    target: 'Outcome',
    steps: () => [
      { id: 'zeros', kind: 'invalid-values', params: { column: 'Glucose', rule: 'range', min: 1, action: 'missing' } },
      { id: 'pressure', kind: 'invalid-values', params: { column: 'BloodPressure', rule: 'range', min: 1, max: 200, action: 'drop-row' } },
      { id: 'pregnancies', kind: 'invalid-values', params: { column: 'Pregnancies', rule: 'set', values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], action: 'missing' } },
      { id: 'bmi', kind: 'invalid-values', params: { column: 'BMI', rule: 'finite', action: 'missing' } },
      { id: 'fill', kind: 'impute', params: { columns: ['Glucose', 'BMI'], strategy: 'median', addIndicator: true } },
      { id: 'fill-pregnancies', kind: 'impute', params: { columns: ['Pregnancies'], strategy: 'constant', value: 14 } },
      { id: 'insulin', kind: 'outliers', params: { columns: ['Insulin'], method: 'iqr', k: 3, action: 'remove' } },
      { id: 'skin', kind: 'outliers', params: { columns: ['SkinThickness', 'DiabetesPedigreeFunction'], method: 'zscore', threshold: 2.5, action: 'clip' } },
      { id: 'scale', kind: 'scale', params: { columns: ['Pregnancies', 'Glucose', 'BloodPressure', 'SkinThickness', 'Insulin', 'BMI', 'DiabetesPedigreeFunction', 'Age'], method: 'standard' } },
    ],
  },
  housing: {
    file: 'housing.csv',
    target: 'median_house_value',
    steps: () => [
      { id: 'fill', kind: 'impute', params: { columns: ['total_bedrooms'], strategy: 'median' } },
      { id: 'ocean', kind: 'encode', params: { column: 'ocean_proximity', method: 'one-hot' } },
      { id: 'pieces', kind: 'piecewise-linear', params: { columns: ['longitude', 'latitude', 'total_bedrooms'] } },
      { id: 'few-pieces', kind: 'piecewise-linear', params: { columns: ['housing_median_age', 'median_income'], pieces: 3 } },
      { id: 'scale', kind: 'scale', params: { columns: ['total_rooms', 'population', 'households'], method: 'standard' } },
    ],
  },
  football: {
    file: 'international_football_results.csv',
    target: 'neutral',
    steps: () => [
      { id: 'recent', kind: 'filter-rows', params: { column: 'date', rule: 'range', min: Date.UTC(1990, 0, 1), action: 'keep' } },
      { id: 'drop', kind: 'drop-columns', params: { columns: ['home_team', 'away_team', 'city', 'country'] } },
      { id: 'dates', kind: 'date-parts', params: { column: 'date', parts: ['year', 'month', 'day', 'day-of-week'] } },
      { id: 'tournament', kind: 'encode', params: { column: 'tournament', method: 'one-hot', maxLevels: 12 } },
      { id: 'goals', kind: 'log-transform', params: { columns: ['home_score', 'away_score'] } },
      { id: 'scale', kind: 'scale', params: { columns: ['date (year)', 'date (month)', 'date (day of month)', 'date (day of week)'], method: 'standard' } },
    ],
  },
};

async function customModel(name: string): Promise<{ file: ModelFile; table: Table; path: string }> {
  const custom = CUSTOM[name]!;
  const path = resolve(DATASETS, custom.file);
  const loaded = await loadTable(path);
  const recipe = recipeFromJSON({ version: 1, target: { column: custom.target }, split: { train: 0.7, validation: 0.1, test: 0.2, stratify: true, seed: 3 }, steps: custom.steps(loaded.table) });
  const design = { hidden: denseStack([4]) };
  const settings = defaultTrainingSettings({ epochs: 1 });
  const result = runTrainingJob({ table: loaded.table, recipe, design, settings });
  return { file: buildModelFile({ result, design, settings, source: modelSource(loaded), app: { name: 'Layerlab', version: 'test' } }), table: loaded.table, path };
}

function writeScript(name: string, file: ModelFile): string {
  const path = join(tmp, `${name}_model.py`);
  writeFileSync(path, kerasScript(file));
  return path;
}

/** Runs the exported cleaning in pandas and compares it with Layerlab's, row by row and cell by cell. */
function expectSameCleaning(name: string, file: ModelFile, table: Table, dataPath: string): void {
  const script = writeScript(name, file);
  const out = join(tmp, `${name}_clean.csv`);
  execFileSync(PANDAS_PYTHON, ['-c', DRIVER, script, dataPath, out], { stdio: ['ignore', 'ignore', 'pipe'] });
  const [header, ...rows] = Papa.parse<string[]>(readFileSync(out, 'utf8'), { skipEmptyLines: true }).data;
  const ours = cleanedData(loadModel(JSON.parse(serializeModel(file))), table);
  expect(header!.slice(1)).toEqual([...ours.features, ...(ours.target ? [ours.target.name] : [])]);
  expect(rows.map((r) => Number(r[0]))).toEqual(Array.from(ours.rowIndex));
  const width = ours.features.length;
  let inexact = 0;
  rows.forEach((row, i) => {
    row.slice(1).forEach((cell, j) => {
      const theirs = Math.fround(Number(cell));
      const mine = j < width ? ours.x[i * width + j]! : ours.target!.y[i]!;
      if (theirs === mine) return;
      inexact++;
      // numpy's log1p and V8's Math.log1p may round the last bit differently; float32 hides all but a few.
      if (!(Math.abs(theirs - mine) <= 1e-6 * Math.max(1, Math.abs(mine)))) expect.fail(`${name} row ${ours.rowIndex[i]} ${header![j + 1]}: pandas ${cell}, Layerlab ${mine}`);
    });
  });
  expect(inexact).toBeLessThanOrEqual(rows.length * width * 1e-4);
}

describe('Keras script export', () => {
  for (const name of ['titanic', 'iris', 'housing'] as CaseName[]) {
    it(`${name}: the script compiles (python3 -m py_compile)`, async () => {
      const script = writeScript(name, (await trained(name)).file);
      execFileSync('python3', ['-m', 'py_compile', script]);
    });
  }

  it('writes the network, optimizer, loss, callbacks and seed Layerlab trained with', async () => {
    const text = kerasScript((await trained('iris')).file);
    expect(text).toContain('keras.Input(shape=(4,))');
    expect(text).toContain('layers.Dense(8, activation="leaky_relu")');
    expect(text).toContain('layers.BatchNormalization(momentum=0.99, epsilon=0.001)');
    expect(text).toContain('layers.Dropout(0.1)');
    expect(text).toContain('layers.Dense(6, activation="gelu")');
    expect(text).toContain('layers.Dense(3, activation="softmax")');
    expect(text).toContain('optimizer=keras.optimizers.Adam(learning_rate=0.001)');
    expect(text).toContain('loss="sparse_categorical_crossentropy"');
    expect(text).toContain('keras.callbacks.EarlyStopping(monitor=monitor, patience=10, min_delta=0.0, restore_best_weights=True)');
    expect(text).toContain('SEED = 7');
  });

  it('writes an ensemble as one Sequential model per member, each trained on its own rows, averaged by a functional model', async () => {
    const { result, design, settings } = await trained('iris');
    const second = networkToJSON(new Network({ ...result.network.spec, layers: [{ type: 'dense', units: 5, activation: 'tanh' }, { type: 'dense', units: 3, activation: 'softmax' }] }, new Rng(2)));
    const member: ModelMember = { design, settings, rows: { train: 80, validation: 20 }, epochsCompleted: 9, bestEpoch: 7, stopReason: 'early-stopped' };
    const file = buildModelFile({ result, design, settings, source: { name: 'iris.csv', sha256: '0'.repeat(64), rows: 150 }, app: { name: 'Layerlab', version: 'test' }, ensemble: { networks: [result.network, second], members: [member, { ...member, settings: { ...settings, batchSize: 16 } }] } });
    const text = kerasScript(file);
    const script = join(tmp, 'ensemble_model.py');
    writeFileSync(script, text);
    execFileSync('python3', ['-m', 'py_compile', script]);
    expect(text.match(/members\.append\(keras\.Sequential\(\[/g)).toHaveLength(2);
    expect(text).toContain('layers.Dense(5, activation="tanh")');
    expect(text).toContain('return keras.Model(inputs, layers.Average()([member(inputs) for member in members]), name="ensemble")');
    expect(text).toContain('{"index": 1, "epochs": 40, "batch_size": 16, "validation": 0.2, "patience": 10');
    expect(text).toContain('train_member(member, settings, X_rest, y_rest)');
  });

  it('keeps text from the data inside string literals and comments', async () => {
    const { file } = await trained('titanic');
    const hostile = 'x"\n__import__("os").system("echo pwned") #\r__import__("os").system("echo pwned")\u2028';
    const renamed = JSON.parse(JSON.stringify(file).replaceAll('"Embarked', `"${JSON.stringify(hostile).slice(1, -1)}Embarked`)) as ModelFile;
    const script = join(tmp, 'hostile.py');
    writeFileSync(script, kerasScript(renamed));
    execFileSync('python3', ['-m', 'py_compile', script]);
    expect(readFileSync(script, 'utf8').split('\n').filter((line) => line.includes('pwned')).every((line) => /^\s*#|"/.test(line))).toBe(true);
    if (hasPandas) {
      const load = 'import importlib.util, sys; s = importlib.util.spec_from_file_location("m", sys.argv[1]); s.loader.exec_module(importlib.util.module_from_spec(s))';
      expect(execFileSync(PANDAS_PYTHON, ['-c', load, script], { encoding: 'utf8' })).not.toContain('pwned');
    }
  });

  describe.skipIf(!hasPandas)('its cleaning, run by pandas, matches Layerlab cell for cell', () => {
    for (const name of ['titanic', 'iris', 'housing'] as CaseName[]) {
      it(`${name} (suggested recipe)`, async () => {
        const { file, table } = await trained(name);
        expectSameCleaning(name, file, table, resolve(DATASETS, `${name}.csv`));
      });
    }
    for (const name of Object.keys(CUSTOM)) {
      it(`${name} (${CUSTOM[name]!.steps(({ rowCount: 0, columns: [] }) as Table).map((s) => (s as { kind: string }).kind).filter((k, i, all) => all.indexOf(k) === i).join(', ')})`, async () => {
        const { file, table, path } = await customModel(name);
        expectSameCleaning(name, file, table, path);
      }, 120_000);
    }
  });
});
