/**
 * The trained network as a picture can show it (TensorFlow Playground's view): one column per layer of neurons,
 * the learned weights as edges (thickness by size, colour by sign), and for each drawn neuron what it computes
 * (its bias and strongest inputs) and how the judged rows activate it (a histogram of its weighted sum).
 * A wide layer cannot be drawn whole: the neurons with the strongest connections are kept, and between them the
 * strongest edges only; `cut` says how much was left out, so the view can say so. Pure; built from the network's
 * own params and its own forward path (a prefix of the network for a layer's weighted sums).
 */
import type { LoadedModel } from '../model/load-model.ts';
import type { ActivationName } from '../nn/activations.ts';
import { Network } from '../nn/network.ts';
import type { DenseSpec, LayerSpec } from '../nn/network-spec.ts';
import { Rng } from '../nn/rng.ts';

export const PICTURE_NEURONS = 8;
export const PICTURE_EDGES = 32;
/** Bins of a neuron's activity histogram. */
export const ACTIVITY_BINS = 24;
/** Inputs named in "what it computes". */
const STRONGEST_INPUTS = 5;

export interface NeuronActivity {
  /** The range of the weighted sum z over the judged rows, cut into equal bins. */
  readonly zMin: number;
  readonly zMax: number;
  readonly counts: readonly number[];
  readonly rows: number;
  /** Share of the rows with z > 0 (where a relu passes its input on). */
  readonly positiveShare: number;
}

export interface PictureNeuron {
  readonly index: number;
  /** Input features and output classes have names. */
  readonly name: string | null;
  /** Hidden and output neurons: z = Σ wᵢ·inputᵢ + bias, the strongest wᵢ (by size) with their inputs' names. */
  readonly computes: { readonly bias: number; readonly strongest: readonly { readonly input: string; readonly weight: number }[]; readonly inputs: number } | null;
  readonly activity: NeuronActivity | null;
}

export interface PictureColumn {
  readonly kind: 'input' | 'hidden' | 'output';
  readonly units: number;
  readonly activation: ActivationName | null;
  /** What follows the layer in the network: dropout (training only) and batch normalization. */
  readonly dropout: number;
  readonly batchNormalization: boolean;
  /** The neurons drawn, in index order. */
  readonly neurons: readonly PictureNeuron[];
}

export interface PictureEdge {
  /** Between column `column` and the next. */
  readonly column: number;
  readonly source: number;
  readonly target: number;
  readonly weight: number;
}

export interface NetworkPicture {
  readonly columns: readonly PictureColumn[];
  readonly edges: readonly PictureEdge[];
  /** The largest |weight| drawn: edge thickness is |weight| / maxWeight. */
  readonly maxWeight: number;
  /** What was left out: neurons not drawn, connections not drawn, of how many. */
  readonly cut: { readonly neurons: number; readonly edges: number; readonly connections: number };
  /** Networks in the model: 1, or an ensemble's members (model format 2.0), of which the first is drawn. */
  readonly members: number;
}

export interface PictureOptions {
  readonly neurons?: number;
  readonly edges?: number;
  /** Cleaned rows (rows × features, the network's input) whose activity is shown: usually the test rows. */
  readonly rows?: { readonly x: Float32Array; readonly rows: number };
}

interface DenseLayer {
  readonly spec: DenseSpec;
  /** Position in the spec. */
  readonly at: number;
  readonly kernel: Float32Array;
  readonly bias: Float32Array | null;
  readonly inputs: number;
}

function denseLayers(network: Network): DenseLayer[] {
  const params = network.params();
  let p = 0;
  let width = network.inputSize;
  const out: DenseLayer[] = [];
  network.spec.layers.forEach((layer, at) => {
    if (layer.type === 'dense') {
      const kernel = params[p++]!.value;
      const bias = layer.useBias !== false ? params[p++]!.value : null;
      out.push({ spec: layer, at, kernel, bias, inputs: width });
      width = layer.units;
    } else if (layer.type === 'batchNormalization') p += 4;
  });
  return out;
}

/** Indices of the `keep` largest strengths, in index order. */
function strongest(strength: Float64Array, keep: number): number[] {
  if (strength.length <= keep) return Array.from(strength, (_, i) => i);
  return Array.from(strength, (s, i) => ({ s, i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, keep)
    .map((x) => x.i)
    .sort((a, b) => a - b);
}

/** Per neuron of each column: Σ|incoming weights| + Σ|outgoing weights|. */
function strengths(units: readonly number[], dense: readonly DenseLayer[]): Float64Array[] {
  const out = units.map((u) => new Float64Array(u));
  dense.forEach((layer, l) => {
    const n = layer.spec.units;
    for (let i = 0; i < layer.inputs; i++) {
      for (let j = 0; j < n; j++) {
        const w = Math.abs(layer.kernel[i * n + j]!);
        out[l]![i]! += w;
        out[l + 1]![j]! += w;
      }
    }
  });
  return out;
}

/** The weighted sums z of dense layer `layer` for every row: the network up to it, its activation made linear. */
function weightedSums(network: Network, layer: DenseLayer, x: Float32Array, rows: number): Float32Array {
  const layers: LayerSpec[] = [...network.spec.layers.slice(0, layer.at), { ...layer.spec, activation: 'linear' }];
  const prefix = new Network({ inputSize: network.inputSize, layers, loss: 'mse' }, new Rng(0));
  prefix.setWeights(network.params().slice(0, prefix.params().length).map((p) => p.value));
  return prefix.predict(x, rows);
}

function activityOf(z: Float32Array, unit: number, units: number, rows: number): NeuronActivity {
  let zMin = Infinity;
  let zMax = -Infinity;
  let positive = 0;
  for (let r = 0; r < rows; r++) {
    const v = z[r * units + unit]!;
    if (v < zMin) zMin = v;
    if (v > zMax) zMax = v;
    if (v > 0) positive++;
  }
  const counts = new Array<number>(ACTIVITY_BINS).fill(0);
  const width = zMax - zMin;
  for (let r = 0; r < rows; r++) {
    const bin = width > 0 ? Math.min(ACTIVITY_BINS - 1, Math.floor(((z[r * units + unit]! - zMin) / width) * ACTIVITY_BINS)) : 0;
    counts[bin]! += 1;
  }
  return { zMin, zMax, counts, rows, positiveShare: positive / rows };
}

function computesOf(layer: DenseLayer, unit: number, inputNames: readonly string[]): PictureNeuron['computes'] {
  const n = layer.spec.units;
  const weights = Array.from({ length: layer.inputs }, (_, i) => ({ input: inputNames[i]!, weight: layer.kernel[i * n + unit]! }));
  weights.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return { bias: layer.bias?.[unit] ?? 0, strongest: weights.slice(0, STRONGEST_INPUTS), inputs: layer.inputs };
}

function followers(layers: readonly LayerSpec[], at: number): { dropout: number; batchNormalization: boolean } {
  let dropout = 0;
  let batchNormalization = false;
  for (let i = at + 1; i < layers.length && layers[i]!.type !== 'dense'; i++) {
    const layer = layers[i]!;
    if (layer.type === 'dropout') dropout = layer.rate;
    else batchNormalization = true;
  }
  return { dropout, batchNormalization };
}

/** The network drawn: the model's own, or an ensemble's first member (an ensemble averages networks that each read every input). */
function drawnNetwork(predictor: LoadedModel['network']): { network: Network; members: number } {
  if ('members' in predictor) {
    const members = predictor.members as readonly Network[];
    return { network: members[0]!, members: members.length };
  }
  return { network: predictor as Network, members: 1 };
}

export function networkPicture(model: LoadedModel, options: PictureOptions = {}): NetworkPicture {
  const { recipe } = model;
  const { network, members } = drawnNetwork(model.network);
  const maxNeurons = options.neurons ?? PICTURE_NEURONS;
  const maxEdges = options.edges ?? PICTURE_EDGES;
  const dense = denseLayers(network);
  const units = [network.inputSize, ...dense.map((d) => d.spec.units)];
  const strength = strengths(units, dense);
  const shown = strength.map((s) => strongest(s, maxNeurons));
  const outputNames = recipe.target.outputWidth > 1 ? recipe.target.classLabels! : [recipe.target.column];
  const namesOf = (c: number): readonly string[] =>
    c === 0 ? recipe.features : c === units.length - 1 ? outputNames : Array.from({ length: units[c]! }, (_, i) => `neuron ${i + 1} of layer ${c}`);
  const columns = units.map((count, c): PictureColumn => {
    const layer = c > 0 ? dense[c - 1]! : null;
    const z = layer && options.rows ? weightedSums(network, layer, options.rows.x, options.rows.rows) : null;
    return {
      kind: c === 0 ? 'input' : c === units.length - 1 ? 'output' : 'hidden',
      units: count,
      activation: layer ? (layer.spec.activation ?? 'linear') : null,
      ...(layer ? followers(network.spec.layers, layer.at) : { dropout: 0, batchNormalization: false }),
      neurons: shown[c]!.map((index) => ({
        index,
        name: c === 0 || c === units.length - 1 ? namesOf(c)[index]! : null,
        computes: layer ? computesOf(layer, index, namesOf(c - 1)) : null,
        activity: z && options.rows!.rows > 0 ? activityOf(z, index, count, options.rows!.rows) : null,
      })),
    };
  });
  const edges: PictureEdge[] = [];
  let connections = 0;
  dense.forEach((layer, l) => {
    connections += layer.inputs * layer.spec.units;
    const candidates: PictureEdge[] = [];
    for (const source of shown[l]!) for (const target of shown[l + 1]!) candidates.push({ column: l, source, target, weight: layer.kernel[source * layer.spec.units + target]! });
    candidates.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
    edges.push(...candidates.slice(0, maxEdges));
  });
  const maxWeight = edges.reduce((m, e) => Math.max(m, Math.abs(e.weight)), 0);
  const neuronsCut = units.reduce((n, u, c) => n + u - shown[c]!.length, 0);
  return { columns, edges, maxWeight, cut: { neurons: neuronsCut, edges: connections - edges.length, connections }, members };
}
