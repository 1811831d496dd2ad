/**
 * The PyTorch script's step 1 and 2 against Layerlab, on every shared dataset (and the text-file variants): run
 * by Debian's python3 with torch, in one process for all datasets (pytorch-driver.py), its chunked cleaning gives
 * the rows and values of "layerlab transform", the same rows as one whole read, Layerlab's own train/validation/
 * test rows, and, with the model file's weights, the outputs of "layerlab predict".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classificationReport, regressionReport } from '../../../engine/metrics/index.ts';
import { cleanedData } from '../../../engine/model/cleaned-data.ts';
import { loadModel, type LoadedModel } from '../../../engine/model/load-model.ts';
import { serializeModel } from '../../../engine/model/model-file.ts';
import { predictTable } from '../../../engine/model/predict.ts';
import type { LayerSpec } from '../../../engine/nn/network-spec.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { torchScript } from '../../../main/export/pytorch/torch-script.ts';
import { DATASETS, trained } from '../../engine/model/trained.ts';
import { CUSTOM, customModel, suggestedModel, type TrainedFile } from './recipe-fixtures.ts';
import { NEEDS_TORCH, TORCH_PYTHON, hasTorch } from './torch-python.ts';


/** Every activation, initializer, penalty and layer kind the model file holds, on one network. */
const ZOO: LayerSpec[] = [
  { type: 'dense', units: 8, activation: 'elu', kernelInitializer: 'he_normal', l2: 0.001 },
  { type: 'batchNormalization', momentum: 0.9, epsilon: 0.01 },
  { type: 'dense', units: 7, activation: 'selu', kernelInitializer: 'lecun_normal', biasInitializer: 'ones', l1: 0.0005 },
  { type: 'dropout', rate: 0.2 },
  { type: 'dense', units: 6, activation: 'tanh', kernelInitializer: 'glorot_normal', useBias: false },
  { type: 'dense', units: 5, activation: 'softplus', kernelInitializer: 'he_uniform' },
  { type: 'dense', units: 4, activation: 'sigmoid' },
  { type: 'dense', units: 4, activation: 'linear' },
  { type: 'dense', units: 4, activation: 'relu' },
];

interface Case {
  readonly name: string;
  readonly model: () => Promise<TrainedFile>;
}

const CASES: readonly Case[] = [
  { name: 'churn', model: () => suggestedModel('Churn_Modelling.csv', 'Exited') },
  { name: 'titanic', model: async () => ({ ...(await trained('titanic')), path: resolve(DATASETS, 'titanic.csv') }) },
  { name: 'iris', model: async () => ({ ...(await trained('iris')), path: resolve(DATASETS, 'iris.csv') }) },
  { name: 'housing', model: async () => ({ ...(await trained('housing')), path: resolve(DATASETS, 'housing.csv') }) },
  // Every recipe of the shared fixtures, so that each step kind they use is cleaned by the script too.
  ...Object.keys(CUSTOM).map((name) => ({ name: `${name} (its own recipe)`, model: () => customModel(name) })),
  { name: 'winequality (every activation)', model: () => suggestedModel('winequality-red.csv', 'quality', { hidden: ZOO }) },
  { name: 'diabetes130', model: () => suggestedModel('diabetes130_readmission.csv', 'readmitted') },
  { name: 'housing, semicolons and decimal commas', model: () => suggestedModel('variants/housing_semicolon_decimal_comma.csv', 'median_house_value') },
  { name: 'titanic, tab-separated', model: () => suggestedModel('variants/titanic.tsv', 'Survived') },
  { name: 'titanic, quoted line breaks', model: () => suggestedModel('variants/titanic_quoted_multiline.csv', 'Survived') },
  { name: 'churn, UTF-8 byte-order mark', model: () => suggestedModel('variants/churn_utf8_bom.csv', 'Exited') },
  { name: 'football, Latin-1', model: () => suggestedModel('variants/football_results_latin1.csv', 'neutral') },
];

/** Rows per chunk: every file is read in several chunks (and a large one in four, to keep the test short). */
const chunkRows = (rows: number): number => Math.max(997, Math.ceil(rows / 4));
/** Files read whole as well, to compare with the chunks (all but diabetes130, whose extra read would take 20 s). */
const WHOLE_READS_UP_TO = 50_000;

interface Outcome {
  readonly model: LoadedModel;
  readonly trained: TrainedFile;
  readonly out: string;
}

function floats(path: string): Float32Array {
  return new Float32Array(new Uint8Array(readFileSync(path)).buffer);
}

function ints(path: string): Int32Array {
  return new Int32Array(new Uint8Array(readFileSync(path)).buffer);
}

/** Equal shapes and texts; numbers equal to 1e-9 (both sides compute in float64 from the same float32 outputs). */
function expectSameReport(theirs: unknown, ours: unknown, at: string): void {
  if (typeof ours === 'number' && typeof theirs === 'number') {
    if (!(Math.abs(theirs - ours) <= 1e-9 * Math.max(1, Math.abs(ours)))) expect.fail(`${at}: script ${theirs}, Layerlab ${ours}`);
  } else if (ours !== null && typeof ours === 'object') {
    expect(theirs !== null && typeof theirs === 'object', at).toBe(true);
    expect(Object.keys(theirs as object).sort(), at).toEqual(Object.keys(ours).sort());
    for (const [key, value] of Object.entries(ours)) expectSameReport((theirs as Record<string, unknown>)[key], value, `${at}.${key}`);
  } else {
    expect(theirs, at).toEqual(ours);
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'layerlab-torch-'));
const outcomes = new Map<string, Outcome>();

describe.skipIf(!hasTorch)(`PyTorch script: cleaning, split and network against Layerlab${NEEDS_TORCH}`, () => {
  beforeAll(async () => {
    const jobs = [];
    for (const [i, c] of CASES.entries()) {
      const trainedFile = await c.model();
      const model = loadModel(JSON.parse(serializeModel(trainedFile.file)));
      const script = join(tmp, `case${i}.py`);
      writeFileSync(script, torchScript(trainedFile.file));
      const out = join(tmp, `case${i}`);
      outcomes.set(c.name, { model, trained: trainedFile, out });
      jobs.push({ script, data: trainedFile.path, out, chunkRows: chunkRows(trainedFile.table.rowCount), whole: trainedFile.table.rowCount <= WHOLE_READS_UP_TO, split: true, predict: true, report: true, help: i === 0 });
    }
    writeFileSync(join(tmp, 'jobs.json'), JSON.stringify(jobs));
    execFileSync(TORCH_PYTHON, [resolve(import.meta.dirname, 'pytorch-driver.py'), join(tmp, 'jobs.json')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 900_000 });
  }, 1_200_000);

  for (const c of CASES) {
    it(`${c.name}: cleaned in chunks, the rows match "layerlab transform" cell for cell`, () => {
      const { model, trained: t, out } = outcomes.get(c.name)!;
      const ours = cleanedData(model, t.table);
      const rows = ints(`${out}.rows`);
      const x = floats(`${out}.x`);
      const y = floats(`${out}.y`);
      expect(Array.from(rows)).toEqual(Array.from(ours.rowIndex));
      let inexact = 0;
      x.forEach((value, i) => {
        const mine = ours.x[i]!;
        if (value === mine) return;
        inexact++;
        // numpy's log1p and V8's Math.log1p may round the last bit differently; float32 hides all but a few.
        if (!(Math.abs(value - mine) <= 1e-6 * Math.max(1, Math.abs(mine)))) expect.fail(`row ${rows[Math.floor(i / ours.features.length)]}, ${ours.features[i % ours.features.length]}: script ${value}, Layerlab ${mine}`);
      });
      expect(inexact).toBeLessThanOrEqual(x.length * 1e-4);
      expect(Array.from(y, (v) => (Number.isNaN(v) ? null : v))).toEqual(Array.from(ours.target!.y, (v) => (Number.isNaN(v) ? null : Math.fround(v))));
    });
  }

  it('a file read in chunks gives the same cleaned rows as one read', () => {
    for (const c of CASES) {
      const { out, trained: t } = outcomes.get(c.name)!;
      if (t.table.rowCount > WHOLE_READS_UP_TO) continue;
      for (const part of ['rows', 'x', 'y']) expect(readFileSync(`${out}.${part}`).equals(readFileSync(`${out}.whole.${part}`)), `${c.name}: ${part}`).toBe(true);
    }
  });

  it("splits the rows as Layerlab does: each split's cleaned rows are the rows Layerlab trained, validated and tested on", () => {
    for (const c of CASES) {
      const { trained: t, out } = outcomes.get(c.name)!;
      const prepared = prepare(t.table, t.file.recipe.recipe);
      const plan = new Uint8Array(readFileSync(`${out}.plan`));
      expect(plan.length, c.name).toBe(t.table.rowCount);
      const rows = ints(`${out}.rows`);
      const y = floats(`${out}.y`);
      const bySplit = [0, 1, 2].map((s) => Array.from(rows).filter((row, i) => plan[row] === s && !Number.isNaN(y[i]!)));
      expect(bySplit, c.name).toEqual([prepared.train, prepared.validation, prepared.test].map((split) => Array.from(split.rowIndex)));
    }
  });

  it('with the model file\'s weights and no training, the network\'s outputs match "layerlab predict" within 1e-5', () => {
    for (const c of CASES) {
      const { model, trained: t, out } = outcomes.get(c.name)!;
      const predictions = predictTable(model, t.table);
      const outputs = floats(`${out}.outputs`);
      // Regression: compared as the network gives them, standardized (the target's std would scale float32's rounding).
      const scale = model.recipe.target.scale ?? { mean: 0, std: 1 };
      const expected = predictions.probabilities ?? Float64Array.from(predictions.values!, (v) => (v - scale.mean) / scale.std);
      expect(outputs.length, c.name).toBe(expected.length);
      outputs.forEach((value, i) => {
        if (!(Math.abs(value - expected[i]!) <= 1e-5)) expect.fail(`${c.name}, output ${i}: script ${value}, Layerlab ${expected[i]}`);
      });
    }
  });

  it("the script's report of those outputs is Layerlab's report (confusion matrix, scores, log-loss, ROC thinned to 500 points, AUC)", () => {
    for (const c of CASES) {
      const { model, out } = outcomes.get(c.name)!;
      const y = floats(`${out}.y`);
      const known = Array.from(y.keys()).filter((i) => !Number.isNaN(y[i]!));
      const outputs = floats(`${out}.outputs`);
      const target = model.recipe.target;
      const width = target.outputWidth;
      const theirs = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
      let ours: unknown;
      if (target.task === 'regression') {
        const { mean, std } = target.scale ?? { mean: 0, std: 1 };
        ours = regressionReport(known.map((i) => y[i]! * std + mean), known.map((i) => outputs[i]! * std + mean));
      } else {
        const probabilities = Float32Array.from(known.flatMap((i) => Array.from(outputs.subarray(i * width, (i + 1) * width))));
        ours = classificationReport({ labels: Int32Array.from(known, (i) => y[i]!), probabilities, classCount: target.classLabels!.length, classLabels: [...target.classLabels!], threshold: model.threshold });
      }
      expectSameReport(theirs, ours, c.name);
    }
  });

  it('--help documents every flag', () => {
    const help = readFileSync(`${outcomes.get(CASES[0]!.name)!.out}.help`, 'utf8');
    for (const flag of ['--out', '--nproc', '--init', '--seed', '--epochs', '--batch-size', '--chunk-rows', '--workdir', '--checkpoint-every', '--max-steps', '--restart', '--cpu']) {
      expect(help).toMatch(new RegExp(`${flag}[^\\n]*\\n?\\s+\\S`));
    }
    expect(help).toContain('torchrun');
  });
});
