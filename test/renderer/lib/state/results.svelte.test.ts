import { describe, expect, it, vi } from 'vitest';
import type { ClassificationReport } from '../../../../engine/metrics/index.ts';
import type { Evaluation, FilePrediction, ModelDetails, ModelSummary, SinglePrediction } from '../../../../main/api/calls/results-calls.ts';
import type { DatasetSummary, LayerlabApi } from '../../../../main/api/contract.ts';
import { ApiError } from '../../../../renderer/src/lib/platform/api-error.ts';
import { desktopPlatform } from '../../../../renderer/src/lib/platform/platform.ts';
import { DatasetState } from '../../../../renderer/src/lib/state/dataset.svelte.ts';
import { Notices } from '../../../../renderer/src/lib/state/notices.svelte.ts';
import { ResultsState } from '../../../../renderer/src/lib/state/results.svelte.ts';

function summary(overrides: Partial<ModelSummary> = {}): ModelSummary {
  return {
    modelId: 'run-1',
    label: 'Run 1',
    origin: 'run',
    task: 'binary',
    target: 'Exited',
    sourceName: 'Churn_Modelling.csv',
    sourceSha256: 'a'.repeat(64),
    shape: '11 → 6 → 6 → 1',
    parameters: 121,
    epochs: 20,
    optimizer: 'adam',
    threshold: 0.5,
    test: null,
    heldOutRows: true,
    split: { train: 0.7, validation: 0.15, test: 0.15, stratify: true, seed: 42 },
    rows: { train: 7000, validation: 1500, test: 1500 },
    ...overrides,
  };
}

const details: ModelDetails = {
  summary: summary(),
  inputs: [
    { name: 'Age', type: 'integer', storage: 'number', min: 18, max: 92, missingAllowed: false },
    { name: 'Geography', type: 'categorical', storage: 'category', categories: ['France', 'Germany', 'Spain'], missingAllowed: false },
    { name: 'Balance', type: 'numeric', storage: 'number', min: 0, max: 250898.09, missingAllowed: true },
  ],
  typical: { Age: '37', Geography: 'France', Balance: '97198.5' },
  classLabels: ['0', '1'],
  positiveLabel: '1',
};

function evaluation(threshold: number): Evaluation {
  const report = { task: 'binary', threshold, confusionMatrix: [[10, 2], [3, 5]], classLabels: ['0', '1'], roc: [], warnings: [] } as unknown as ClassificationReport;
  return { kind: 'classification', modelId: 'run-1', split: 'test', basis: 'session', report, notes: [] };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(models: ModelSummary[] = [summary()]) {
  const api = {
    listModels: vi.fn(async () => models),
    modelDetails: vi.fn(async (_request: { modelId: string; datasetId?: string }) => details),
    evaluation: vi.fn(async (request: { threshold?: number }) => evaluation(request.threshold ?? 0.5)),
    evaluationRows: vi.fn(async () => ({ total: 3, start: 0, columns: ['Age'], rows: [] })),
    predictOne: vi.fn(async (): Promise<SinglePrediction> => ({ prediction: '1', value: null, probabilities: [], error: null, warnings: [] })),
    predictFile: vi.fn(),
    cancel: vi.fn(async () => ({ cancelled: true })),
    exportModel: vi.fn(async () => ({ files: [{ name: 'm.json', path: '/tmp/m.json', downloadId: null, bytes: 10 }] })),
    chooseFile: vi.fn(async () => ({ path: '/data/new.csv' })),
    chooseSaveLocation: vi.fn(async () => ({ path: '/tmp/m.json' })),
    openDataset: vi.fn(),
  };
  const platform = desktopPlatform(api as unknown as LayerlabApi, { mac: false, pathForFile: () => '' });
  const notices = new Notices();
  const dataset = new DatasetState(platform, notices);
  const results = new ResultsState(platform, notices, dataset);
  return { api, notices, dataset, results };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ResultsState', () => {
  it('shows a finished run: its evaluation, and a form starting from the typical row main gave', async () => {
    const { api, results } = setup();
    results.show('run-1');
    await settle();
    expect(results.selected?.label).toBe('Run 1');
    expect(results.evaluation?.kind).toBe('classification');
    expect(api.evaluation).toHaveBeenCalledWith({ modelId: 'run-1', split: 'test', threshold: 0.5 });
    expect(results.details?.inputs.map((input) => input.name)).toEqual(['Age', 'Geography', 'Balance']);
    expect(results.form).toEqual(['37', 'France', '97198.5']);
    results.form[0] = '99';
    results.resetForm();
    expect(results.form[0]).toBe('37');
  });

  it('predicts the form again when the threshold moves, and remembers which threshold its answer used', async () => {
    const { api, results } = setup();
    results.show('run-1');
    await settle();
    await results.predictOne();
    expect(results.singleThreshold).toBe(0.5);
    results.setThreshold(0.85);
    await settle();
    expect(api.predictOne).toHaveBeenLastCalledWith(expect.objectContaining({ threshold: 0.85 }));
    expect(results.singleThreshold).toBe(0.85);
  });

  it('keeps the newest Predict\'s answer when an older reply arrives last, and says an answer is on its way meanwhile', async () => {
    const { api, results } = setup();
    results.show('run-1');
    await settle();
    const replies: ((answer: SinglePrediction) => void)[] = [];
    api.predictOne.mockImplementation(() => new Promise((resolve) => replies.push(resolve)));
    const answer = (prediction: string): SinglePrediction => ({ prediction, value: null, probabilities: [], error: null, warnings: [] });
    results.form[0] = '150';
    const first = results.predictOne();
    results.form[0] = '44';
    const second = results.predictOne();
    expect(results.predicting).toBe(true);
    replies[1]!(answer('for 44'));
    await second;
    expect(results.single?.prediction).toBe('for 44');
    expect(results.predicting).toBe(false);
    replies[0]!(answer('for 150'));
    await first;
    expect(results.single?.prediction, 'the older reply is dropped').toBe('for 44');
    expect(results.predicting).toBe(false);
  });

  it('drops a reply for the model shown before, and is not left predicting', async () => {
    const { api, results } = setup([summary(), summary({ modelId: 'file-1', label: 'model.json', origin: 'file' })]);
    results.show('run-1');
    await settle();
    let reply: (answer: SinglePrediction) => void = () => undefined;
    api.predictOne.mockImplementation(() => new Promise((resolve) => (reply = resolve)));
    const pending = results.predictOne();
    expect(results.predicting).toBe(true);
    results.show('file-1');
    expect(results.predicting).toBe(false);
    await settle();
    reply({ prediction: '1', value: null, probabilities: [], error: null, warnings: [] });
    await pending;
    expect(results.single).toBeNull();
    expect(results.predicting).toBe(false);
  });

  it('picks the newest model when none is chosen', async () => {
    const { results } = setup([summary(), summary({ modelId: 'file-1', label: 'model.json', origin: 'file' })]);
    await results.enter();
    expect(results.modelId).toBe('file-1');
  });

  it('keeps the latest threshold: an older answer arriving late is dropped', async () => {
    const { api, results } = setup();
    results.show('run-1');
    await settle();
    const slow = deferred<Evaluation>();
    api.evaluation.mockImplementationOnce(() => slow.promise);
    results.setThreshold(0.3);
    results.setThreshold(0.7);
    await settle();
    expect(results.evaluation).toEqual(evaluation(0.7));
    slow.resolve(evaluation(0.3));
    await settle();
    expect(results.evaluation).toEqual(evaluation(0.7));
    expect(results.effectiveThreshold).toBe(0.7);
  });

  it("keeps each model's chosen threshold: showing another model and coming back finds it again", async () => {
    const { results } = setup([summary(), summary({ modelId: 'run-2', label: 'Run 2', threshold: 0.6 })]);
    results.show('run-1');
    await settle();
    results.setThreshold(0.3);
    results.show('run-2');
    expect(results.threshold, 'run 2 follows its saved threshold').toBeNull();
    expect(results.effectiveThreshold).toBe(0.6);
    results.show('run-1');
    expect(results.effectiveThreshold).toBe(0.3);
    expect(results.thresholds).toEqual({ 'run-1': 0.3 });
    await settle();
  });

  it('lists the rows of a clicked cell at the current threshold', async () => {
    const { api, results } = setup();
    results.show('run-1');
    await settle();
    results.setThreshold(0.4);
    await results.openCell(1, 0);
    expect(api.evaluationRows).toHaveBeenLastCalledWith({ modelId: 'run-1', split: 'test', actual: 1, predicted: 0, start: 0, count: 100, threshold: 0.4 });
    expect(results.cellRows?.total).toBe(3);
    results.closeCell();
    expect(results.cell).toBeNull();
  });

  it('predicts a file with progress from main, and cancelling tells main', async () => {
    const { api, notices, results } = setup();
    results.show('run-1');
    await settle();
    const answer = deferred<FilePrediction>();
    api.predictFile.mockImplementationOnce(() => answer.promise);
    const running = results.predictFile();
    await settle();
    const operationId = results.files.predicting!.operationId;
    expect(api.predictFile).toHaveBeenCalledWith({ operationId, modelId: 'run-1', source: { kind: 'path', path: '/data/new.csv' }, threshold: 0.5 });
    results.onEvent({ type: 'predictProgress', operationId, phase: 'predict', done: 5000, total: 10000 });
    expect(results.files.predicting).toMatchObject({ phase: 'predict', done: 5000, total: 10000 });
    results.onEvent({ type: 'predictProgress', operationId: 'other', phase: 'predict', done: 1, total: 1 });
    expect(results.files.predicting!.done, 'another operation is ignored').toBe(5000);
    await results.files.cancel();
    expect(api.cancel).toHaveBeenCalledWith({ operationId });
    answer.resolve(Promise.reject(new ApiError('cancelled', 'cancelled')) as never);
    await running;
    expect(results.files.predicting).toBeNull();
    expect(results.files.file).toBeNull();
    expect(notices.items.some((n) => n.kind === 'error'), 'a cancel is not an error').toBe(false);
  });

  it('exports with the chosen threshold to the path the save dialog gave', async () => {
    const { api, notices, results } = setup();
    results.show('run-1');
    await settle();
    results.setThreshold(0.35);
    await results.exportModel('json');
    expect(api.chooseSaveLocation).toHaveBeenCalledWith({ purpose: 'model', suggestedName: 'Churn_Modelling-run-1.json' });
    expect(api.exportModel).toHaveBeenCalledWith({ modelId: 'run-1', format: 'json', destination: { kind: 'path', path: '/tmp/m.json' }, threshold: 0.35 });
    expect(notices.items.at(-1)).toMatchObject({ kind: 'success', title: 'The model file was saved: /tmp/m.json.' });
  });

  it('exports the PyTorch script under the model’s name', async () => {
    const { api, results } = setup();
    results.show('run-1');
    await settle();
    await results.exportModel('pytorch');
    expect(api.chooseSaveLocation).toHaveBeenCalledWith({ purpose: 'pytorch', suggestedName: 'Churn_Modelling-run-1-pytorch.py' });
    expect(api.exportModel).toHaveBeenCalledWith(expect.objectContaining({ modelId: 'run-1', format: 'pytorch', destination: { kind: 'path', path: '/tmp/m.json' } }));
  });

  it('writes nothing when the save dialog is closed', async () => {
    const { api, results } = setup();
    results.show('run-1');
    await settle();
    api.chooseSaveLocation.mockResolvedValueOnce(null as never);
    await results.exportModel('keras');
    expect(api.exportModel).not.toHaveBeenCalled();
  });

  it('exports the ONNX graph through its own save dialog, with the shown threshold', async () => {
    const { api, notices, results } = setup();
    results.show('run-1');
    await settle();
    api.chooseSaveLocation.mockResolvedValueOnce({ path: '/tmp/m.onnx' });
    api.exportModel.mockResolvedValueOnce({ files: [{ name: 'm.onnx', path: '/tmp/m.onnx', downloadId: null, bytes: 10 }] });
    await results.exportModel('onnx');
    expect(api.chooseSaveLocation).toHaveBeenCalledWith({ purpose: 'onnx', suggestedName: 'Churn_Modelling-run-1.onnx' });
    expect(api.exportModel).toHaveBeenCalledWith({ modelId: 'run-1', format: 'onnx', destination: { kind: 'path', path: '/tmp/m.onnx' }, threshold: 0.5 });
    expect(notices.items.at(-1)).toMatchObject({ kind: 'success', title: 'The ONNX model was saved: /tmp/m.onnx.' });
  });

  it('says a model file is open only once the picker holds it (the list comes from main a moment later)', async () => {
    const { api, notices, results } = setup();
    const opened = summary({ modelId: 'file-1', label: 'churn.json', origin: 'file' });
    const list = deferred<ModelSummary[]>();
    Object.assign(api, { openModelFile: vi.fn(async () => opened) });
    api.listModels.mockReturnValueOnce(list.promise);
    const opening = results.openModelFile();
    await settle();
    expect(notices.items, 'no notice while the list is on its way').toEqual([]);
    list.resolve([summary(), opened]);
    await opening;
    expect(results.selected?.modelId).toBe('file-1');
    expect(notices.items.map((n) => [n.kind, n.title])).toEqual([['success', expect.stringContaining('churn.json is open')]]);
  });

  describe('the typical row of a model listed before its data was open (a restored or reopened project)', () => {
    /** Main's typical row: the data's medians when the request names the open dataset, the ranges' middles without. */
    function restoring() {
      const parts = setup();
      parts.api.modelDetails.mockImplementation(async (request: { datasetId?: string }) =>
        request.datasetId ? details : { ...details, typical: { Age: '55', Geography: 'France', Balance: '125449' } },
      );
      return parts;
    }
    const churn = { datasetId: 'd1', name: 'Churn_Modelling.csv', rowCount: 10000, columns: [] } as unknown as DatasetSummary;

    it('is asked again from the data once it opens', async () => {
      const { dataset, results } = restoring();
      await results.show('run-1');
      expect(results.form).toEqual(['55', 'France', '125449']);
      dataset.adopt(churn, true);
      await settle();
      expect(results.form).toEqual(['37', 'France', '97198.5']);
    });

    it('is asked again when Evaluate or Predict is entered with the data open', async () => {
      const { dataset, results } = restoring();
      await results.show('run-1');
      dataset.summary = churn;
      await results.enter();
      expect(results.form).toEqual(['37', 'France', '97198.5']);
    });

    it("keeps the values the user typed, and shows only the newest reply when the data opens while one is on its way", async () => {
      const { api, dataset, results } = restoring();
      const first = deferred<ModelDetails>();
      api.modelDetails.mockReturnValueOnce(first.promise);
      const showing = results.show('run-1');
      await settle();
      dataset.adopt(churn, true);
      await settle();
      first.resolve({ ...details, typical: { Age: '55', Geography: 'France', Balance: '125449' } });
      await showing;
      expect(results.form, 'the reply without the data arrived last and was dropped').toEqual(['37', 'France', '97198.5']);
      results.form[0] = '61';
      dataset.adopt({ ...churn, datasetId: 'd2' }, true);
      await settle();
      expect(results.form).toEqual(['61', 'France', '97198.5']);
    });
  });
});
