/**
 * What the ONNX file declares and refuses: its inputs and outputs, metadata, opsets, the same predictions at
 * every supported opset, cells typed exactly at a rule's decimal bound (float32 inputs), and the messages of
 * an export that cannot be made.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, type LoadedModel } from '../../../../engine/model/load-model.ts';
import { buildModelFile, serializeModel } from '../../../../engine/model/model-file.ts';
import { runTrainingJob } from '../../../../engine/pipeline/train-job.ts';
import { defaultTrainingSettings, denseStack } from '../../../../engine/pipeline/training-settings.ts';
import { recipeFromJSON } from '../../../../engine/prep/recipe-json.ts';
import { STEP_KINDS } from '../../../../engine/prep/steps/params.ts';
import { tableFromRecords } from '../../../../engine/table/records.ts';
import type { Table } from '../../../../engine/table/table.ts';
import { onnxBytes } from '../../../../main/export/onnx/export-onnx.ts';
import { MAX_OPSET, MIN_OPSET } from '../../../../main/export/onnx/messages.ts';
import { refusedStepKinds, STEP_EMITTERS } from '../../../../main/export/onnx/steps/registry.ts';
import { trained } from '../../../engine/model/trained.ts';
import { compareWithLayerlab, runOnnx } from './onnx-runner.ts';
import { fields, text } from './proto-reader.ts';
import { CHECK_GRAPHS, ONNX_PYTHON, requireOnnxPython } from './python-onnx.ts';

function modelOf(table: Table, target: string, steps: unknown[]): LoadedModel {
  const recipe = recipeFromJSON({ version: 1, target: { column: target }, split: { train: 0.8, validation: 0, test: 0.2, stratify: false, seed: 1 }, steps });
  const design = { hidden: denseStack([4]) };
  const settings = defaultTrainingSettings({ epochs: 3 });
  const result = runTrainingJob({ table, recipe, design, settings });
  const file = buildModelFile({ result, design, settings, source: { name: 'doses.csv', sha256: '0'.repeat(64), rows: table.rowCount }, app: { name: 'Layerlab', version: 'test' } });
  return loadModel(JSON.parse(serializeModel(file)));
}

/** Decimal doses, none of which float32 holds exactly, with rules whose bounds are the same decimals. */
function doses(): Table {
  const records = Array.from({ length: 120 }, (_, i) => ({
    dose: [0.1, 0.2, 0.3, 0.7, 1.1, 2.3][i % 6]!,
    grade: [0.5, 1.5, 2.5, 0.1][i % 4]!,
    ratio: [0.3, 0.6, 0.9][i % 3]!,
    outcome: i % 5 < 2 ? 'yes' : 'no',
  }));
  records.push({ dose: 0.3, grade: 0.5, ratio: 0.3000001, outcome: 'no' }, { dose: 0.7, grade: 3.5, ratio: 0.7, outcome: 'yes' });
  return tableFromRecords(records).table;
}

describe('ONNX export: decimal cells typed at a rule\'s bound', () => {
  it('keeps, refuses, matches and encodes them as Layerlab does (bounds compared at the float32 inputs\' precision)', async () => {
    const table = doses();
    const model = modelOf(table, 'outcome', [
      { id: 'low', kind: 'filter-rows', params: { column: 'dose', rule: 'range', min: 0.2, max: 2.3, action: 'keep' } },
      { id: 'high', kind: 'filter-rows', params: { column: 'dose', rule: 'range', max: 0.3, action: 'remove' } },
      { id: 'ratios', kind: 'invalid-values', params: { column: 'ratio', rule: 'set', values: [0.3, 0.6, 0.9], action: 'drop-row' } },
      { id: 'range', kind: 'invalid-values', params: { column: 'grade', rule: 'range', min: 0.1, max: 2.5, action: 'drop-row' } },
      { id: 'grades', kind: 'encode', params: { column: 'grade', method: 'one-hot', unseen: 'error' } },
    ]);
    const comparison = compareWithLayerlab(model, table, await runOnnx(onnxBytes(model), model, table));
    expect(comparison.mismatches).toEqual([]);
    // Refused: doses 0.1 (below 0.2), 0.3 and below (removed), the ratio 0.3000001 and the grade 3.5.
    expect(comparison.refused).toBe(table.rowCount - 40 - 20);
  });
});

describe('ONNX export: the file', () => {
  it('declares one [N, 1] input per raw column (text as string, numbers as float), and the three outputs', async () => {
    const { model } = await titanic();
    const graph = fields(fields(onnxBytes(model)).get(7)![0] as Uint8Array);
    const declared = (field: number): [string, bigint][] =>
      graph.get(field)!.map((v) => {
        const info = fields(v as Uint8Array);
        return [text(info.get(1)![0]), fields(fields(info.get(2)![0] as Uint8Array).get(1)![0] as Uint8Array).get(1)![0] as bigint];
      });
    const STRING = 8n, FLOAT = 1n, DOUBLE = 11n;
    expect(declared(11)).toEqual(model.recipe.inputSchema.map((c) => [c.name, c.storage === 'category' ? STRING : FLOAT]));
    expect(declared(12)).toEqual([
      ['label', STRING],
      ['probabilities', FLOAT],
      ['prediction_error', STRING],
    ]);
    const housing = (await trained('housing')).file;
    const regression = fields(fields(onnxBytes(loadModel(JSON.parse(serializeModel(housing))))).get(7)![0] as Uint8Array);
    expect(regression.get(12)!.map((v) => text(fields(v as Uint8Array).get(1)![0]))).toEqual(['label', 'prediction_error']);
    expect(fields(fields(fields(regression.get(12)![0] as Uint8Array).get(2)![0] as Uint8Array).get(1)![0] as Uint8Array).get(1)).toEqual([DOUBLE]);
  });

  it('carries the provenance, class labels, feature names and threshold as metadata properties', async () => {
    const { model } = await titanic();
    const entries = fields(onnxBytes(model, { threshold: 0.3 })).get(14)!.map((e) => fields(e as Uint8Array));
    const metadata = Object.fromEntries(entries.map((e) => [text(e.get(1)![0]), text(e.get(2)![0])]));
    expect(JSON.parse(metadata['layerlab.class_labels']!)).toEqual(model.recipe.target.classLabels);
    expect(JSON.parse(metadata['layerlab.feature_names']!)).toEqual(model.recipe.features);
    expect(JSON.parse(metadata['layerlab.provenance']!)).toEqual(model.file.provenance);
    expect(metadata['layerlab.threshold']).toBe('0.3');
    expect(metadata['layerlab.target']).toBe('Survived');
  });

  it(`predicts the same at every opset from ${MIN_OPSET} to ${MAX_OPSET}, and passes the checker at each opset python3-onnx 1.12 knows (up to 17)`, async () => {
    const { model, table } = await titanic();
    const first = await runOnnx(onnxBytes(model), model, table);
    const tmp = mkdtempSync(join(tmpdir(), 'layerlab-opset-'));
    const checkable: string[] = [];
    for (let opset = MIN_OPSET; opset <= MAX_OPSET; opset++) {
      const bytes = onnxBytes(model, { opset });
      expect(await runOnnx(bytes, model, table)).toEqual(first);
      if (opset > 17) continue;
      checkable.push(join(tmp, `opset${opset}.onnx`));
      writeFileSync(checkable.at(-1)!, bytes);
    }
    requireOnnxPython();
    expect(execFileSync(ONNX_PYTHON, ['-c', CHECK_GRAPHS, ...checkable], { encoding: 'utf8' }).trim()).toBe(String(checkable.length));
  });
});

describe('ONNX export: what it refuses', () => {
  it('refuses an opset outside 13–21', async () => {
    const { model } = await titanic();
    expect(() => onnxBytes(model, { opset: 12 })).toThrow('The ONNX opset must be a whole number from 13 to 21, got 12.');
    expect(() => onnxBytes(model, { opset: 13.5 })).toThrow(/got 13.5/);
  });

  it('refuses a step kind with no ONNX form by its name and id, never approximating it', async () => {
    const { model } = await titanic();
    const emitters = { ...STEP_EMITTERS, scale: { refused: 'has no faithful form in this test' } };
    expect(() => onnxBytes(model, { emitters })).toThrow(/its recipe step "[^"]+" \(Standardize \(mean 0, standard deviation 1\): .*\) has no faithful form in this test, and the export never approximates a step/);
  });

  it('refuses an input column named like a graph output', () => {
    const table = tableFromRecords(Array.from({ length: 40 }, (_, i) => ({ label: i % 7, y: i % 2 ? 'a' : 'b' }))).table;
    const model = modelOf(table, 'y', []);
    expect(() => onnxBytes(model)).toThrow('its input column "label" has the name of one of the graph\'s outputs (label, probabilities, prediction_error)');
  });

  it('lists every step kind in docs/model-format.md, the refused ones (none today) with their reason', () => {
    const docs = readFileSync(new URL('../../../../docs/model-format.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## ONNX'));
    for (const kind of STEP_KINDS) expect(section).toContain(`\`${kind}\``);
    const refused = refusedStepKinds();
    expect(section).toContain(refused.length === 0 ? 'Refused step kinds: none' : `Refused step kinds: ${refused.map((r) => `\`${r.kind}\` (${r.why})`).join(', ')}`);
  });
});

async function titanic(): Promise<{ model: LoadedModel; table: Table }> {
  const t = await trained('titanic');
  return { model: loadModel(JSON.parse(serializeModel(t.file))), table: t.table };
}
