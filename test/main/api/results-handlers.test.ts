/**
 * The Evaluate and Predict & export calls over the real services, with real models: titanic and housing trained
 * in-process (test/engine/model/trained.ts) and put in the registry as the Train step does.
 */
import { readFile, mkdtemp, rm, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClassificationReport } from '../../../engine/metrics/index.ts';
import type { Evaluation } from '../../../main/api/calls/results-calls.ts';
import type { AppEvent } from '../../../main/api/contract.ts';
import { createDispatch, trustOrigin, type CallContext } from '../../../main/api/handle.ts';
import { createHandlers, type Services } from '../../../main/api/handlers.ts';
import { closeServices, createServices } from '../../../main/services/create-services.ts';
import { trained, type CaseName } from '../../engine/model/trained.ts';
import { anyPath, failure } from './api-test-kit.ts';
import { fields, text } from '../export/onnx/proto-reader.ts';

const DATASETS = resolve(import.meta.dirname, '../../../../shared/datasets');
const context: CallContext = { sender: { authenticated: true, origin: 'app://layerlab', topFrame: true } };

let services: Services;
let dir: string;
let events: AppEvent[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerlab-results-'));
  services = createServices({
    info: { name: 'Layerlab', version: '0.1.0', transport: 'web', os: 'linux', versions: { node: '20', electron: null, chrome: null } },
    samplesDir: 'resources/samples',
    settingsDir: dir,
    acceptUploads: true,
    // Paths as on the desktop (the handlers are called past the gate, whose rule file-access.test.ts pins).
    files: anyPath,
  });
  events = [];
  services.events.subscribe((event) => events.push(event));
});

afterEach(async () => {
  await closeServices(services);
  await rm(dir, { recursive: true, force: true });
});

/** A finished run of this session, as the Train step registers it, with its dataset open. */
async function run(name: CaseName, file: string) {
  const handlers = createHandlers(services);
  const model = await trained(name);
  const summary = await handlers.openDataset({ operationId: `open-${name}`, source: { kind: 'path', path: join(DATASETS, file) } }, context);
  services.models.add({ modelId: 'run-1', label: 'Run 1', datasetId: summary.datasetId, model: model.file, result: model.result, path: null });
  return { handlers, model, datasetId: summary.datasetId };
}

function classification(evaluation: Evaluation): Extract<Evaluation, { kind: 'classification' }> {
  if (evaluation.kind !== 'classification') throw new Error(`expected a classification evaluation, got ${evaluation.kind}`);
  return evaluation;
}

const total = (report: ClassificationReport) => report.confusionMatrix.flat().reduce((a, b) => a + b, 0);

describe('payloads', () => {
  it('refuses malformed requests before any handler runs', async () => {
    const dispatch = createDispatch(createHandlers(services), trustOrigin('app://layerlab'), () => {});
    const refused = async (name: string, payload: unknown) => {
      const envelope = await dispatch(name, payload, context.sender);
      expect(envelope.ok, `${name} ${JSON.stringify(payload)}`).toBe(false);
      return envelope.ok ? '' : envelope.error.code;
    };
    expect(await refused('evaluation', { modelId: 'run-1', split: 'test', threshold: 1.5 })).toBe('invalid-request');
    expect(await refused('evaluation', { modelId: 'run-1', split: 'train' })).toBe('invalid-request');
    expect(await refused('exportModel', { modelId: 'run-1', format: 'pmml', destination: { kind: 'download' } })).toBe('invalid-request');
    expect(await refused('exportModel', { modelId: 'run-1', format: 'json', destination: { kind: 'url', url: 'http://x' } })).toBe('invalid-request');
    expect(await refused('predictOne', { modelId: 'run-1', values: [{ column: 'Age', value: 3 }] })).toBe('invalid-request');
    expect(await refused('evaluationRows', { modelId: 'run-1', split: 'test', actual: 0, predicted: 0, start: 0, count: 100_000 })).toBe('invalid-request');
    expect(await refused('openModelFile', { source: { kind: 'upload', uploadId: '../../etc/passwd' } })).toBe('invalid-request');
    expect(await refused('chooseFile', { purpose: 'model' }), 'no native dialogs in the web host').toBe('unavailable');
    expect(await dispatch('listModels', {}, context.sender)).toEqual({ ok: true, value: [] });
  });

  it('names a model that is not open', async () => {
    const handlers = createHandlers(services);
    expect(await failure(handlers.modelDetails({ modelId: 'run-9' }, context))).toMatchObject({ code: 'unknown-model' });
  });
});

describe('a binary run (titanic)', () => {
  it('lists the run with its shape and test numbers', async () => {
    const { handlers, model } = await run('titanic', 'titanic.csv');
    const [summary] = await handlers.listModels({}, context);
    const report = model.result.test!.report as ClassificationReport;
    expect(summary).toMatchObject({ modelId: 'run-1', origin: 'run', task: 'binary', target: 'Survived', heldOutRows: true, threshold: 0.5, sourceName: 'titanic.csv' });
    expect(summary!.shape).toBe(`${model.result.fitted.features.length} → 8 → 4 → 1`);
    expect(summary!.test!.accuracy).toBe(report.accuracy);
    expect(summary!.test!.auc).toBe(report.auc);
  });

  it('evaluates at the chosen threshold: the matrix covers every test row and a higher threshold predicts fewer survivors', async () => {
    const { handlers, model, datasetId } = await run('titanic', 'titanic.csv');
    const atDefault = classification(await handlers.evaluation({ modelId: 'run-1', split: 'test', datasetId }, context));
    expect(atDefault.basis).toBe('session');
    expect(atDefault.report.accuracy).toBe((model.result.test!.report as ClassificationReport).accuracy);
    expect(total(atDefault.report)).toBe(model.result.rows.test);
    const strict = classification(await handlers.evaluation({ modelId: 'run-1', split: 'test', threshold: 0.9 }, context));
    const predictedPositive = (r: ClassificationReport) => r.confusionMatrix[0]![1]! + r.confusionMatrix[1]![1]!;
    expect(predictedPositive(strict.report)).toBeLessThan(predictedPositive(atDefault.report));
    expect(strict.report.threshold).toBe(0.9);
    expect(strict.report.roc[0]!.fpr.length).toBeGreaterThan(2);
  });

  it('lists the original rows of a confusion-matrix cell, each with its true class', async () => {
    const { handlers, model } = await run('titanic', 'titanic.csv');
    const report = classification(await handlers.evaluation({ modelId: 'run-1', split: 'test' }, context)).report;
    const missed = await handlers.evaluationRows({ modelId: 'run-1', split: 'test', actual: 1, predicted: 0, start: 0, count: 500 }, context);
    expect(missed.total).toBe(report.confusionMatrix[1]![0]);
    expect(missed.rows).toHaveLength(missed.total);
    const survived = missed.columns.indexOf('Survived');
    const name = missed.columns.indexOf('Name');
    for (const row of missed.rows) {
      expect(row.values[survived]).toBe(1);
      expect(row.probability).toBeLessThan(0.5);
      expect(row.values[name], 'the row number is the file row').toBe(model.table.columns[3]!.storage === 'category' ? model.table.columns[3]!.levels[model.table.columns[3]!.codes[row.row - 1]!] : null);
    }
    const page = await handlers.evaluationRows({ modelId: 'run-1', split: 'test', actual: 1, predicted: 0, start: 2, count: 3 }, context);
    expect(page.rows.map((r) => r.row)).toEqual(missed.rows.slice(2, 5).map((r) => r.row));
    expect(await failure(handlers.evaluationRows({ modelId: 'run-1', split: 'test', actual: 2, predicted: 0, start: 0, count: 5 }, context))).toMatchObject({ code: 'no-such-cell' });
  });

  it('predicts a typed row and warns about values the model never saw', async () => {
    const { handlers } = await run('titanic', 'titanic.csv');
    const details = await handlers.modelDetails({ modelId: 'run-1' }, context);
    const age = details.inputs.find((c) => c.name === 'Age')!;
    expect(age).toMatchObject({ storage: 'number', missingAllowed: true });
    // Medians and most frequent values of the 891 passengers (Age 28 over the 714 known ages).
    expect(details.typical).toMatchObject({ Age: '28', Sex: 'male', Pclass: '3', Embarked: 'S' });
    const values = (age: string, sex: string) => details.inputs.map((c) => ({ column: c.name, value: c.name === 'Age' ? age : c.name === 'Sex' ? sex : c.storage === 'category' ? (c.categories?.[0] ?? '') : String(c.min ?? 0) }));
    const usual = await handlers.predictOne({ modelId: 'run-1', values: values('30', 'female') }, context);
    expect(usual.warnings).toEqual([]);
    expect(['0', '1']).toContain(usual.prediction);
    expect(usual.probabilities.map((p) => p.label).sort()).toEqual(['0', '1']);
    expect(usual.probabilities[0]!.probability + usual.probabilities[1]!.probability).toBeCloseTo(1, 6);
    const odd = await handlers.predictOne({ modelId: 'run-1', values: values('250', 'robot') }, context);
    expect(odd.warnings.map((w) => w.column).sort()).toEqual(['Age', 'Sex']);
    expect(odd.warnings.find((w) => w.column === 'Age')!.message).toContain(`outside the training range of "Age" (${age.min} to ${age.max})`);
    expect(odd.warnings.find((w) => w.column === 'Sex')!.message).toMatch(/"robot" never appeared in "Sex"/);
    expect(await failure(handlers.predictOne({ modelId: 'run-1', values: [{ column: 'Colour', value: 'red' }] }, context))).toMatchObject({ code: 'unknown-column' });
  });

  it('predicts a whole file with progress, keeps it in main and saves it as CSV', async () => {
    const { handlers } = await run('titanic', 'titanic.csv');
    const result = await handlers.predictFile({ operationId: 'p1', modelId: 'run-1', source: { kind: 'path', path: join(DATASETS, 'titanic.csv') } }, context);
    expect(result).toMatchObject({ name: 'titanic.csv', rows: 891 });
    expect(result.predicted + result.rejected).toBe(891);
    expect(result.counts.reduce((n, c) => n + c.rows, 0)).toBe(result.predicted);
    expect(result.preview.columns.slice(-4)).toEqual(['predicted_Survived', 'confidence', 'prediction_error', 'prediction_warning']);
    const progress = events.filter((e) => e.type === 'predictProgress');
    expect(progress.at(-1)).toMatchObject({ operationId: 'p1', phase: 'predict', done: 891, total: 891 });
    const path = join(dir, 'out.csv');
    const saved = await handlers.savePredictions({ predictionId: result.predictionId, destination: { kind: 'path', path } }, context);
    expect(saved.files).toEqual([{ name: 'out.csv', path, downloadId: null, bytes: expect.any(Number) }]);
    const lines = (await readFile(path, 'utf8')).trimEnd().split(/\r?\n/);
    expect(lines).toHaveLength(892);
    expect(lines[0]).toMatch(/^PassengerId,Survived,.*,predicted_Survived,probability_0,probability_1,prediction_error,prediction_warning$/);
    const download = await handlers.savePredictions({ predictionId: result.predictionId, destination: { kind: 'download' } }, context);
    expect(download.files[0]).toMatchObject({ name: 'titanic-predictions.csv', path: null });
    expect(await readFile((await services.downloads!.take(download.files[0]!.downloadId!)).path, 'utf8')).toBe(await readFile(path, 'utf8'));
  });

  it('exports the model, opens the file back and predicts the same; evaluated again once its data is open', async () => {
    const { handlers, datasetId } = await run('titanic', 'titanic.csv');
    const path = join(dir, 'model.json');
    await handlers.exportModel({ modelId: 'run-1', format: 'json', destination: { kind: 'path', path }, threshold: 0.4 }, context);
    const opened = await handlers.openModelFile({ source: { kind: 'path', path } }, context);
    expect(opened).toMatchObject({ modelId: 'file-1', origin: 'file', label: 'model.json', threshold: 0.4, heldOutRows: false });
    const details = await handlers.modelDetails({ modelId: 'run-1' }, context);
    const values = details.inputs.map((c) => ({ column: c.name, value: c.storage === 'category' ? (c.categories?.[1] ?? '') : String(c.max ?? 1) }));
    const before = await handlers.predictOne({ modelId: 'run-1', values, threshold: 0.4 }, context);
    expect(await handlers.predictOne({ modelId: 'file-1', values }, context)).toEqual(before);

    const withoutData = await handlers.modelDetails({ modelId: 'file-1' }, context);
    const ages = withoutData.inputs.find((c) => c.name === 'Age')!;
    expect(withoutData.typical.Age, 'the middle of the training range when the data is not open').toBe(String(Number(((ages.min! + ages.max!) / 2).toPrecision(6))));
    expect((await handlers.modelDetails({ modelId: 'file-1', datasetId }, context)).typical).toEqual(details.typical);
    const stored = classification(await handlers.evaluation({ modelId: 'file-1', split: 'test' }, context));
    expect(stored.basis).toBe('stored');
    expect(stored.notes.join(' ')).toMatch(/open the data it was trained on/);
    expect(await failure(handlers.evaluationRows({ modelId: 'file-1', split: 'test', actual: 0, predicted: 0, start: 0, count: 5 }, context))).toMatchObject({ code: 'rows-unavailable' });
    const again = classification(await handlers.evaluation({ modelId: 'file-1', split: 'test', threshold: 0.5, datasetId }, context));
    const session = classification(await handlers.evaluation({ modelId: 'run-1', split: 'test', threshold: 0.5 }, context));
    expect(again.basis).toBe('dataset');
    expect(again.report.confusionMatrix).toEqual(session.report.confusionMatrix);
    expect(again.report.auc).toBeCloseTo(session.report.auc!, 12);
  });

  it("falls back to the file's report when the open data no longer prepares as in training", async () => {
    const { handlers, datasetId } = await run('titanic', 'titanic.csv');
    const path = join(dir, 'model.json');
    await handlers.exportModel({ modelId: 'run-1', format: 'json', destination: { kind: 'path', path } }, context);
    await handlers.openModelFile({ source: { kind: 'path', path } }, context);
    await handlers.setColumnType({ datasetId, column: 'Age', type: 'text' }, context);
    const evaluation = classification(await handlers.evaluation({ modelId: 'file-1', split: 'test', datasetId }, context));
    expect(evaluation.basis).toBe('stored');
    expect(evaluation.notes[0]).toMatch(/could not be prepared again from titanic\.csv .*was a column's type changed since training\?/);
  });

  it('shows the saved report, not an error, when the data it was evaluated on has been let go', async () => {
    const { handlers, datasetId } = await run('titanic', 'titanic.csv');
    const path = join(dir, 'model.json');
    await handlers.exportModel({ modelId: 'run-1', format: 'json', destination: { kind: 'path', path } }, context);
    await handlers.openModelFile({ source: { kind: 'path', path } }, context);
    for (const sampleId of ['iris', 'churn', 'titanic']) await handlers.openDataset({ operationId: `more-${sampleId}`, source: { kind: 'sample', sampleId } }, context);
    expect(classification(await handlers.evaluation({ modelId: 'file-1', split: 'test', datasetId }, context)).basis).toBe('stored');
    expect((await handlers.modelDetails({ modelId: 'file-1', datasetId }, context)).typical.Sex, 'the first category, without the data').toBe('female');
  });

  it('refuses a file that is not a model, saying what it is', async () => {
    const handlers = createHandlers(services);
    const error = await failure(handlers.openModelFile({ source: { kind: 'path', path: join(DATASETS, 'titanic.csv') } }, context));
    expect(error.code).toBe('not-json');
    expect(error.message).toMatch(/titanic\.csv/);
  });

  it('exports a TF.js folder, a Keras script and a PyTorch script, as files or downloads', async () => {
    const { handlers } = await run('titanic', 'titanic.csv');
    const folder = join(dir, 'tfjs');
    const tfjs = await handlers.exportModel({ modelId: 'run-1', format: 'tfjs', destination: { kind: 'path', path: folder } }, context);
    expect(tfjs.files.map((f) => f.name)).toEqual(['model.json', 'weights.bin']);
    expect((await readdir(folder)).sort()).toEqual(['model.json', 'weights.bin']);
    const downloads = await handlers.exportModel({ modelId: 'run-1', format: 'tfjs', destination: { kind: 'download' } }, context);
    expect(downloads.files.map((f) => [f.name, f.path])).toEqual([['model.json', null], ['weights.bin', null]]);
    const keras = await handlers.exportModel({ modelId: 'run-1', format: 'keras', destination: { kind: 'download' } }, context);
    expect(keras.files[0]!.name).toBe('titanic-run-1-keras.py');
    expect(await readFile((await services.downloads!.take(keras.files[0]!.downloadId!)).path, 'utf8')).toMatch(/import keras/);
    const torch = await handlers.exportModel({ modelId: 'run-1', format: 'pytorch', destination: { kind: 'path', path: join(dir, 'train.py') } }, context);
    expect(torch.files[0]!.path).toBe(join(dir, 'train.py'));
    expect(await readFile(join(dir, 'train.py'), 'utf8')).toMatch(/DistributedDataParallel/);
  });

  it('exports the whole model as ONNX, with the decision threshold chosen in Evaluate', async () => {
    const { handlers } = await run('titanic', 'titanic.csv');
    const onnx = await handlers.exportModel({ modelId: 'run-1', format: 'onnx', destination: { kind: 'download' }, threshold: 0.3 }, context);
    expect(onnx.files.map((f) => f.name)).toEqual(['titanic-run-1.onnx']);
    const model = fields(new Uint8Array(await readFile((await services.downloads!.take(onnx.files[0]!.downloadId!)).path)));
    const metadata = Object.fromEntries(model.get(14)!.map((e) => fields(e as Uint8Array)).map((e) => [text(e.get(1)![0]), text(e.get(2)![0])]));
    expect(metadata).toMatchObject({ 'layerlab.target': 'Survived', 'layerlab.threshold': '0.3' });
    const path = join(dir, 'titanic.onnx');
    await handlers.exportModel({ modelId: 'run-1', format: 'onnx', destination: { kind: 'path', path } }, context);
    expect(text(fields(new Uint8Array(await readFile(path))).get(2)![0])).toBe('Layerlab');
  });

  it('saves the session as a project and opens it back with every model and its data file checked', async () => {
    const { handlers, datasetId, model } = await run('titanic', 'titanic.csv');
    const path = join(dir, 'work.layerlab');
    await handlers.saveProject({ destination: { kind: 'path', path }, name: 'Titanic work', datasetId, selectedModelId: 'run-1', step: 'evaluate' }, context);
    const opened = await handlers.openProject({ source: { kind: 'path', path } }, context);
    // Its run is still open in this session: the project's model is that run, not a second copy of it.
    expect(opened).toMatchObject({ name: 'Titanic work', step: 'evaluate', selectedModelId: 'run-1', dataset: { status: 'ok', path: join(DATASETS, 'titanic.csv'), name: 'titanic.csv' } });
    expect(opened.recipe?.target.column).toBe('Survived');
    expect(opened.design).toEqual(model.design);
    expect(opened.settings).toEqual(model.settings);
    const [original, ...others] = await handlers.listModels({}, context);
    expect(others).toEqual([]);
    expect(opened.models).toHaveLength(1);
    expect(opened.models[0]).toMatchObject({ label: 'Run 1', shape: original!.shape, test: original!.test });
    const error = await failure(handlers.openProject({ source: { kind: 'path', path: join(DATASETS, 'iris.csv') } }, context));
    expect(error.code).toBe('not-json');
  });
});

describe('a multi-class run (iris)', () => {
  it('shows a 3 × 3 matrix with one ROC curve per class, and a cell lists rows with the predicted class’s probability', async () => {
    const { handlers } = await run('iris', 'iris.csv');
    const { report } = classification(await handlers.evaluation({ modelId: 'run-1', split: 'test', threshold: 0.9 }, context));
    expect(report.task).toBe('multiclass');
    expect(report.threshold, 'argmax: no threshold').toBeNull();
    expect(report.confusionMatrix).toHaveLength(3);
    expect(report.roc.map((r) => r.label)).toEqual(report.classLabels);
    const diagonal = report.classLabels.map((_, k) => report.confusionMatrix[k]![k]!);
    const k = diagonal.findIndex((n) => n > 0);
    const rows = await handlers.evaluationRows({ modelId: 'run-1', split: 'test', actual: k, predicted: k, start: 0, count: 500 }, context);
    expect(rows.total).toBe(diagonal[k]);
    const species = rows.columns.indexOf('species');
    for (const row of rows.rows) {
      expect(row.values[species]).toBe(report.classLabels[k]);
      expect(row.probability, 'the winning class has at least a third').toBeGreaterThanOrEqual(1 / 3);
    }
  });
});

describe('a regression run (housing)', () => {
  it('shows R², MAE and RMSE with an even sample of predicted-vs-actual points', async () => {
    const { handlers, model } = await run('housing', 'housing.csv');
    const evaluation = await handlers.evaluation({ modelId: 'run-1', split: 'test' }, context);
    if (evaluation.kind !== 'regression') throw new Error('expected regression');
    expect(evaluation.report).toEqual(model.result.test!.report);
    expect(model.result.rows.test).toBeGreaterThan(2000);
    expect(evaluation.points!.actual).toHaveLength(2000);
    expect(evaluation.points!.predicted).toHaveLength(2000);
    expect(evaluation.notes.join(' ')).toMatch(/even sample of 2000 of the \d+ rows/);
    expect(await failure(handlers.evaluationRows({ modelId: 'run-1', split: 'test', actual: 0, predicted: 0, start: 0, count: 5 }, context))).toMatchObject({ code: 'not-classification' });
  });

  it('stops predicting a file when cancelled between chunks', async () => {
    const { handlers } = await run('housing', 'housing.csv');
    services.events.subscribe((event) => {
      if (event.type === 'predictProgress' && event.phase === 'predict') void handlers.cancel({ operationId: 'p2' }, context);
    });
    const error = await failure(handlers.predictFile({ operationId: 'p2', modelId: 'run-1', source: { kind: 'path', path: join(DATASETS, 'housing.csv') } }, context));
    expect(error).toMatchObject({ code: 'cancelled' });
    const predicted = events.filter((e) => e.type === 'predictProgress' && e.phase === 'predict');
    const last = predicted.at(-1) as Extract<AppEvent, { type: 'predictProgress' }>;
    expect(last.total).toBe(20640);
    expect(last.done, 'stopped before the last chunk').toBeLessThan(20640);
  });
});
