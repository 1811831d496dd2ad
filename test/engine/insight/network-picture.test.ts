import { beforeAll, describe, expect, it } from 'vitest';
import { networkPicture, ACTIVITY_BINS } from '../../../engine/insight/network-picture.ts';
import { cleanedData } from '../../../engine/model/cleaned-data.ts';
import type { LoadedModel } from '../../../engine/model/load-model.ts';
import type { Network } from '../../../engine/nn/network.ts';
import { takeRows } from '../../../engine/prep/table-ops.ts';
import { trainTruth, type TrainedTruth } from './generated.ts';

describe('the network picture', () => {
  let small: TrainedTruth;
  let wide: TrainedTruth;

  beforeAll(() => {
    small = trainTruth('binary', 800, 10, [6, 6]);
    wide = trainTruth('binary', 600, 1, [256, 256]);
  });

  const kernelOf = (t: TrainedTruth, name: string) => (t.model.network as Network).params().find((p) => p.name === name)!;

  it('draws every neuron of small layers, each edge the learned weight between its two neurons', () => {
    const picture = networkPicture(small.model, { neurons: 12, edges: 100 });
    expect(picture.columns.map((c) => [c.kind, c.units, c.activation])).toEqual([
      ['input', 9, null],
      ['hidden', 6, 'relu'],
      ['hidden', 6, 'relu'],
      ['output', 1, 'sigmoid'],
    ]);
    expect(picture.columns[0]!.neurons.map((n) => n.name)).toEqual(small.model.recipe.features);
    expect(picture.columns[3]!.neurons[0]!.name).toBe('target');
    expect(picture.edges).toHaveLength(9 * 6 + 6 * 6 + 6);
    const kernel = kernelOf(small, 'dense_1/kernel');
    for (const e of picture.edges.filter((e) => e.column === 1)) expect(e.weight).toBe(kernel.value[e.source * 6 + e.target]);
    expect(picture.maxWeight).toBe(Math.max(...picture.edges.map((e) => Math.abs(e.weight))));
    expect(picture.cut).toEqual({ neurons: 0, edges: 0, connections: 96 });
  });

  it("says what a neuron computes: its bias and its strongest inputs' weights, by name", () => {
    const picture = networkPicture(small.model);
    const neuron = picture.columns[1]!.neurons[2]!;
    const kernel = kernelOf(small, 'dense/kernel').value;
    const bias = kernelOf(small, 'dense/bias').value;
    const weights = small.model.recipe.features.map((input, i) => ({ input, weight: kernel[i * 6 + 2]! })).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
    expect(neuron.computes).toEqual({ bias: bias[2], strongest: weights.slice(0, 5), inputs: 9 });
  });

  it("shows how the test rows activate a neuron: a histogram of its weighted sum, computed by hand here", () => {
    const data = cleanedData(small.model, takeRows(small.table, small.testRows));
    const picture = networkPicture(small.model, { rows: { x: data.x, rows: data.rows } });
    const kernel = kernelOf(small, 'dense/kernel').value;
    const bias = kernelOf(small, 'dense/bias').value;
    const unit = 4;
    const z = Array.from({ length: data.rows }, (_, r) => data.features.reduce((s, _f, i) => s + data.x[r * 9 + i]! * kernel[i * 6 + unit]!, bias[unit]!));
    const activity = picture.columns[1]!.neurons[unit]!.activity!;
    expect(activity.rows).toBe(data.rows);
    expect(activity.counts).toHaveLength(ACTIVITY_BINS);
    expect(activity.counts.reduce((a, b) => a + b, 0)).toBe(data.rows);
    expect(activity.zMin).toBeCloseTo(Math.min(...z), 4);
    expect(activity.zMax).toBeCloseTo(Math.max(...z), 4);
    expect(activity.positiveShare).toBeCloseTo(z.filter((v) => v > 0).length / z.length, 2);
    expect(picture.columns[0]!.neurons[0]!.activity).toBeNull();
    expect(networkPicture(small.model).columns[1]!.neurons[0]!.activity).toBeNull();
  });

  it('256-wide layers: the 8 most connected neurons per layer, the 32 strongest edges between them, and what was cut', () => {
    const picture = networkPicture(wide.model);
    expect(picture.columns.map((c) => c.neurons.length)).toEqual([8, 8, 8, 1]);
    expect(picture.cut).toEqual({ neurons: 1 + 248 + 248, edges: 9 * 256 + 256 * 256 + 256 - picture.edges.length, connections: 9 * 256 + 256 * 256 + 256 });
    const middle = picture.edges.filter((e) => e.column === 1);
    expect(middle).toHaveLength(32);
    const kernel = kernelOf(wide, 'dense_1/kernel').value;
    const shownSources = picture.columns[1]!.neurons.map((n) => n.index);
    const shownTargets = picture.columns[2]!.neurons.map((n) => n.index);
    const all = shownSources.flatMap((s) => shownTargets.map((t) => Math.abs(kernel[s * 256 + t]!))).sort((a, b) => b - a);
    expect(middle.map((e) => Math.abs(e.weight))).toEqual(all.slice(0, 32));
    const strength = (j: number) => Array.from({ length: 256 }, (_, k) => Math.abs(kernel[j * 256 + k]!)).reduce((a, b) => a + b, 0);
    const incoming = kernelOf(wide, 'dense/kernel').value;
    const total = (j: number) => strength(j) + Array.from({ length: 9 }, (_, i) => Math.abs(incoming[i * 256 + j]!)).reduce((a, b) => a + b, 0);
    const weakestShown = Math.min(...shownSources.map(total));
    const strongestHidden = Math.max(...Array.from({ length: 256 }, (_, j) => j).filter((j) => !shownSources.includes(j)).map(total));
    expect(weakestShown).toBeGreaterThanOrEqual(strongestHidden);
  });

  it("an ensemble (model format 2.0) draws its first member's weights and says how many networks it averages", () => {
    const other = trainTruth('binary', 800, 2, [6, 6]).model.network;
    // An ensemble as model format 2.0 loads it: the member networks, averaged (engine/nn/ensemble.ts on the search's branch).
    const ensemble = { members: [small.model.network, other], inputSize: other.inputSize, outputSize: other.outputSize } as unknown as LoadedModel['network'];
    const picture = networkPicture({ ...small.model, network: ensemble }, { neurons: 12, edges: 100 });
    const alone = networkPicture(small.model, { neurons: 12, edges: 100 });
    expect(picture.members).toBe(2);
    expect(alone.members).toBe(1);
    expect(picture.edges).toEqual(alone.edges);
    expect(picture.columns).toEqual(alone.columns);
  });

  it('names dropout and batch normalization after a layer', async () => {
    const { trained } = await import('../model/trained.ts');
    const iris = await trained('iris');
    const { loadModel } = await import('../../../engine/model/load-model.ts');
    const picture = networkPicture(loadModel(iris.file));
    expect(picture.columns.map((c) => [c.activation, c.dropout, c.batchNormalization])).toEqual([
      [null, 0, false],
      ['leaky_relu', 0.1, true],
      ['gelu', 0, false],
      ['softmax', 0, false],
    ]);
    expect(picture.columns[3]!.neurons.map((n) => n.name)).toEqual(iris.file.recipe.target.classLabels);
  });
});
