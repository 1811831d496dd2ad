import { describe, expect, it, vi } from 'vitest';
import type { ImportanceView, WhatIfView } from '../../../../main/api/calls/insight-calls.ts';
import type { ModelDetails, ModelSummary } from '../../../../main/api/calls/results-calls.ts';
import type { LayerlabApi } from '../../../../main/api/contract.ts';
import { desktopPlatform } from '../../../../renderer/src/lib/platform/platform.ts';
import { DatasetState } from '../../../../renderer/src/lib/state/dataset.svelte.ts';
import { InsightState } from '../../../../renderer/src/lib/state/insight.svelte.ts';
import { Notices } from '../../../../renderer/src/lib/state/notices.svelte.ts';
import { ResultsState } from '../../../../renderer/src/lib/state/results.svelte.ts';

const summary = (modelId: string): ModelSummary => ({
  modelId,
  label: modelId,
  origin: 'run',
  task: 'binary',
  target: 'Survived',
  sourceName: 'titanic.csv',
  sourceSha256: 'a'.repeat(64),
  shape: '7 → 6 → 1',
  parameters: 55,
  epochs: 10,
  optimizer: 'adam',
  threshold: 0.5,
  test: null,
  heldOutRows: true,
  split: { train: 0.7, validation: 0.15, test: 0.15, stratify: true, seed: 42 },
  rows: { train: 7000, validation: 1500, test: 1500 },
});

const details: ModelDetails = {
  summary: summary('run-1'),
  inputs: [
    { name: 'Age', type: 'numeric', storage: 'number', min: 0.42, max: 80, missingAllowed: true },
    { name: 'Sex', type: 'categorical', storage: 'category', categories: ['female', 'male'], missingAllowed: false },
  ],
  typical: { Age: '28', Sex: 'male' },
  classLabels: ['0', '1'],
  positiveLabel: '1',
};

const importance: ImportanceView = {
  status: 'ready',
  rowsText: 'the 178 test rows of titanic.csv',
  result: {
    metric: 'accuracy',
    baseline: 0.8,
    rows: 178,
    sampledFrom: null,
    repeats: 5,
    seed: 42,
    columns: [
      { column: 'Name', importance: 0, std: 0, used: false, note: 'Not used' },
      { column: 'Sex', importance: 0.2, std: 0.01, used: true, note: null },
      { column: 'Age', importance: 0.01, std: 0.01, used: true, note: null },
    ],
  },
};

function setup() {
  const api = {
    listModels: vi.fn(async () => [summary('run-1'), summary('run-2')]),
    modelDetails: vi.fn(async () => details),
    evaluation: vi.fn(async () => ({ kind: 'none', modelId: 'run-1', split: 'test', notes: [] })),
    importance: vi.fn(async () => importance),
    whatIf: vi.fn(async ({ column }: { column: string }) => ({ grid: { column }, row: { current: [0.4, 0.6], outputs: [], error: null }, average: null, classLabels: ['0', '1'], averageNote: null }) as unknown as WhatIfView),
    networkPicture: vi.fn(async () => ({ picture: { columns: [], edges: [], maxWeight: 0, cut: { neurons: 0, edges: 0, connections: 0 }, members: 1 }, rowsText: null })),
    saveReport: vi.fn(async () => ({ files: [{ name: 'r.html', path: '/tmp/r.html', downloadId: null, bytes: 1 }] })),
    chooseSaveLocation: vi.fn(async () => ({ path: '/tmp/r.html' })),
  };
  const platform = desktopPlatform(api as unknown as LayerlabApi, { mac: false, pathForFile: () => '' });
  const notices = new Notices();
  const dataset = new DatasetState(platform, notices);
  const results = new ResultsState(platform, notices, dataset);
  const insight = new InsightState(platform, notices, results, dataset);
  return { api, notices, results, insight };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('InsightState', () => {
  it("measures the shown model's importance once asked, and forgets it for another model", async () => {
    const { api, results, insight } = setup();
    await results.show('run-1');
    await settle();
    expect(insight.importance).toBeNull();
    const measuring = insight.measureImportance();
    expect(insight.measuring).toBe('run-1');
    await measuring;
    expect(api.importance).toHaveBeenCalledWith({ modelId: 'run-1' });
    expect(insight.importance).toEqual(importance);
    expect(insight.measuring).toBeNull();
    await results.show('run-2');
    expect(insight.importance, 'another model shows its own, not run 1\'s').toBeNull();
  });

  it('moves the most important input the model uses in what-if, unless one is chosen, with the form as it is', async () => {
    const { api, results, insight } = setup();
    await results.show('run-1');
    await settle();
    expect(insight.columnFor(['Age', 'Sex'])).toBe('Age');
    await insight.measureImportance();
    expect(insight.columnFor(['Age', 'Sex'])).toBe('Sex');
    results.form[0] = '60'; // Age, the first input
    await insight.loadWhatIf();
    expect(api.whatIf).toHaveBeenLastCalledWith({ modelId: 'run-1', column: 'Sex', values: [{ column: 'Age', value: '60' }, { column: 'Sex', value: 'male' }] });
    insight.chooseWhatIf('Age');
    await settle();
    expect(api.whatIf).toHaveBeenLastCalledWith(expect.objectContaining({ column: 'Age' }));
    expect(insight.whatIf?.grid.column).toBe('Age');
  });

  it('keeps the latest what-if: an older answer arriving late is dropped', async () => {
    const { api, results, insight } = setup();
    await results.show('run-1');
    await settle();
    let release!: () => void;
    api.whatIf.mockImplementationOnce(async () => {
      await new Promise<void>((r) => (release = r));
      return { grid: { column: 'Sex' } } as unknown as WhatIfView;
    });
    const slow = insight.loadWhatIf();
    insight.chooseWhatIf('Age');
    await settle();
    release();
    await slow;
    expect(insight.whatIf?.grid.column).toBe('Age');
  });

  it("saves the report of the shown model at Evaluate's threshold", async () => {
    const { api, notices, results, insight } = setup();
    await results.show('run-1');
    await settle();
    results.setThreshold(0.3);
    await insight.saveReport();
    expect(api.chooseSaveLocation).toHaveBeenCalledWith({ purpose: 'report', suggestedName: 'titanic-run-1-report.html' });
    expect(api.saveReport).toHaveBeenCalledWith({ modelId: 'run-1', destination: { kind: 'path', path: '/tmp/r.html' }, threshold: 0.3 });
    expect(notices.items.at(-1)).toMatchObject({ kind: 'success', title: 'The training report was saved: /tmp/r.html.' });
  });

  it('fetches the picture once per model', async () => {
    const { api, results, insight } = setup();
    await results.show('run-1');
    await insight.loadPicture();
    await insight.loadPicture();
    expect(api.networkPicture).toHaveBeenCalledTimes(1);
    expect(insight.picture?.rowsText).toBeNull();
  });
});
