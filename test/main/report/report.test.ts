/** The training report: every section, numbers equal to the evaluation's, nothing that reaches outside the file. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel, type LoadedModel } from '../../../engine/model/load-model.ts';
import { evaluateSplit } from '../../../engine/pipeline/train-job.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { reportHtml } from '../../../main/report/report-html.ts';
import { reportInput, type ReportSources } from '../../../main/report/report-input.ts';
import { escapeHtml, ticks } from '../../../main/report/svg.ts';
import { trainTruth, type TrainedTruth } from '../../engine/insight/generated.ts';
import { trained, type Trained } from '../../engine/model/trained.ts';

const writer = { name: 'Layerlab', version: '0.1.0', runtime: 'Node test' };
const created = new Date('2025-02-01T10:00:00.000Z');
const SECTIONS = ['data', 'network', 'settings', 'curves', 'evaluation', 'provenance'];

function sources(model: LoadedModel, data: ReportSources['data'], threshold?: number): ReportSources {
  return { model, label: 'Run 1', data, importance: { repeats: 2, seed: 1 }, writer, created, ...(threshold !== undefined ? { threshold } : {}) };
}

/** Every URL-bearing attribute or CSS url() in the page: a self-contained report has none but in-page anchors. */
function outsideReferences(html: string): string[] {
  const attributes = [...html.matchAll(/\s(?:src|href|xlink:href|action|srcset)="([^"]*)"/g)].map((m) => m[1]!).filter((v) => !v.startsWith('#'));
  const css = [...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
  return [...attributes, ...css, ...(/<script|<link|<iframe|<object|<embed|@import/i.test(html) ? ['an element that loads something'] : [])];
}

describe('the training report', () => {
  let titanic: Trained;
  let titanicModel: LoadedModel;
  let letters: TrainedTruth;
  let numbers: TrainedTruth;

  beforeAll(async () => {
    titanic = await trained('titanic');
    titanicModel = loadModel(titanic.file);
    letters = trainTruth('multiclass', 2600, 30, [32]);
    numbers = trainTruth('regression', 1000, 20);
  });

  it('titanic with its training file: every section, each step with its reason and effect, nothing fetched from outside', () => {
    const data = { table: titanic.table, sha256: titanic.loaded.source.sha256, name: 'titanic.csv' };
    const html = reportHtml(reportInput(sources(titanicModel, data, 0.4)));
    for (const id of SECTIONS) expect(html).toContain(`<section id="${id}"`);
    expect(outsideReferences(html)).toEqual([]);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    for (const step of titanic.file.recipe.recipe.steps) expect(html).toContain(escapeHtml(step.why!));
    for (const report of titanic.result.reports) expect(html).toContain(escapeHtml(report.summary));
    expect(html).toContain(titanic.loaded.source.sha256);
    expect(html).toContain('Decision threshold</dt><dd>0.40');
    expect(html).toMatch(/<svg class="network"[^>]*>.*<line class="(pos|neg)"/s);
    expect(html).toContain('Permutation importance: drop in accuracy');
    expect(html).toContain('ROC curve (AUC');
  });

  it('shows the confusion matrix of the test rows at the chosen threshold', () => {
    const data = { table: titanic.table, sha256: titanic.loaded.source.sha256, name: 'titanic.csv' };
    const input = reportInput(sources(titanicModel, data, 0.4));
    const prepared = prepare(titanic.table, titanicModel.recipe.recipe);
    const split = evaluateSplit(titanicModel.network, titanicModel.recipe, prepared.test)!;
    const p = split.predicted as Float32Array;
    const expected = [0, 1].map((a) => [0, 1].map((q) => Array.from(split.actual).filter((y, i) => y === a && (p[i]! >= 0.4 ? 1 : 0) === q).length));
    expect(input.evaluation!.report).toMatchObject({ confusionMatrix: expected, threshold: 0.4 });
    const cells = [...reportHtml(input).matchAll(/<td class="heat\d( right)?" title="[^"]*">(\d+)<\/td>/g)].map((m) => Number(m[2]));
    expect(cells).toEqual(expected.flat());
  });

  it('26 classes: a 26 × 26 matrix, a row per class, the importance of every column', () => {
    const html = reportHtml(reportInput(sources(letters.model, { table: letters.table, sha256: '0'.repeat(64), name: 'truth-multiclass.csv' })));
    expect(html).toContain('<table class="matrix many"');
    expect(html.match(/<td class="heat/g)).toHaveLength(26 * 26);
    expect(html).toContain('test rows of truth-multiclass.csv');
    for (const column of ['signal', 'color', 'noise', 'shade']) expect(html).toMatch(new RegExp(`<text[^>]*>${column}</text>`));
    expect(html).toContain('<strong>id</strong>: Not used: the cleaning recipe drops it');
  });

  it('regression: R², MAE, RMSE and predicted against actual', () => {
    const html = reportHtml(reportInput(sources(numbers.model, { table: numbers.table, sha256: '0'.repeat(64), name: 'truth-regression.csv' })));
    expect(html).toMatch(/<dt>R²<\/dt><dd>0\.9\d*<\/dd>/);
    expect(html).toContain('Predicted against actual');
    expect(html.match(/<circle class="dot"/g)!.length).toBeGreaterThan(100);
    expect(html).toContain('drop in R²');
  });

  it('without its data: what the model file saved, and a note that says what is left out', () => {
    const input = reportInput(sources(titanicModel, null));
    expect(input.evaluation).toBeNull();
    expect(input.importance).toBeNull();
    expect(input.notes).toEqual([expect.stringMatching(/^The training data \(titanic\.csv\) was not at hand/)]);
    const html = reportHtml(input);
    expect(html).toContain('as saved in the model file');
    for (const id of SECTIONS) expect(html).toContain(`<section id="${id}"`);
  });

  it('another file holding the target is judged on every row it can use', () => {
    const other = trainTruth('multiclass', 300, 1, [4]).table;
    const input = reportInput(sources(letters.model, { table: other, sha256: 'f'.repeat(64), name: 'fresh.csv' }));
    expect(input.steps).toBeNull();
    expect(input.evaluation!.rows).toBe('all 300 rows of fresh.csv with a known target');
    expect(input.notes[0]).toMatch(/^fresh\.csv is not the file the model was trained on/);
  });

  it('lists baselines when the model file has them (format 2.0 metrics.baselines), beside the network', () => {
    // As the search writes them (a report of the same test rows per baseline), trimmed to the numbers shown; cast
    // because this branch's ModelFile type does not know format 2.0's baselines yet.
    const baselines = { majorityClass: { accuracy: 0.616, f1: 0, auc: null }, linear: { accuracy: 0.79, f1: 0.71, auc: 0.84 } };
    const file = { ...titanic.file, metrics: { ...titanic.file.metrics, baselines } } as unknown as typeof titanic.file;
    const html = reportHtml(reportInput(sources({ ...titanicModel, file }, null)));
    expect(html).toContain('<h3>Baselines</h3>');
    expect(html).toMatch(/<th scope="row">Most frequent class<\/th><td>61\.6%<\/td><td>0\.0%<\/td><td>—<\/td>/);
    expect(html).toMatch(/<th scope="row">Linear model \(no hidden layer\)<\/th><td>79\.0%<\/td><td>71\.0%<\/td><td>0\.84<\/td>/);
    // Every run now measures baselines (i11): a file without them is one saved before they existed.
    const { baselines: _measured, ...metricsWithout } = titanic.file.metrics as typeof titanic.file.metrics & { baselines?: unknown };
    const older = { ...titanic.file, metrics: metricsWithout } as typeof titanic.file;
    expect(reportHtml(reportInput(sources({ ...titanicModel, file: older }, null)))).not.toContain('Baselines');
  });

  it("an ensemble's report draws its first network and says how many it averages", () => {
    const ensemble = { members: [titanicModel.network, titanicModel.network, titanicModel.network], inputSize: titanicModel.network.inputSize, outputSize: titanicModel.network.outputSize };
    const html = reportHtml(reportInput(sources({ ...titanicModel, network: ensemble as unknown as LoadedModel['network'] }, null)));
    expect(html).toContain('The model is an ensemble of 3 networks whose outputs are averaged: the first is drawn.');
    expect(reportHtml(reportInput(sources(titanicModel, null)))).not.toContain('ensemble');
  });

  it('escapes what comes from the data: a class or column name cannot become markup', () => {
    expect(escapeHtml(`<img src=x onerror="alert(1)">&'`)).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
  });

  it('puts axis ticks on round numbers', () => {
    expect(ticks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(-0.013, 0.146)).toEqual([0, 0.05, 0.1]);
  });
});
