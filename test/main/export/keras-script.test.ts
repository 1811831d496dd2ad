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
import type { Table } from '../../../engine/table/table.ts';
import { kerasScript } from '../../../main/export/keras-script.ts';
import { DATASETS, trained, type CaseName } from '../../engine/model/trained.ts';
import { CUSTOM, customModel } from './recipe-fixtures.ts';

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
