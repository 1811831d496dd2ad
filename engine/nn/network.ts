/**
 * A feed-forward network built from a NetworkSpec: the one forward path used by training, evaluation,
 * prediction and the exported model.
 */
import { getActivation } from './activations.ts';
import { initialize } from './initializers.ts';
import { DenseKernelFactory, type KernelChoice, type KernelPath } from './kernels-dense.ts';
import { ActivationLayer } from './layers/activation-layer.ts';
import { BatchNorm } from './layers/batch-norm.ts';
import { DenseLinear } from './layers/dense.ts';
import { Dropout } from './layers/dropout.ts';
import type { Layer } from './layers/layer.ts';
import { getLoss, type Loss } from './losses.ts';
import { countParameters, outputSize, validateNetworkSpec, type NetworkSpec } from './network-spec.ts';
import type { Rng } from './rng.ts';
import type { Param, RandomSource, TrainableNetwork } from './types.ts';

export interface NetworkOptions {
  /** Which matrix kernels run the Dense layers (engine/nn/kernels-dense.ts); `auto` by default. */
  readonly kernels?: KernelChoice;
}

/** Rows per chunk when predicting or evaluating large inputs: bounds the activation buffers' size. */
const CHUNK_ROWS = 2048;

export class Network implements TrainableNetwork {
  readonly spec: NetworkSpec;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly loss: Loss;
  /** The kernels asked for. */
  readonly kernelChoice: KernelChoice;
  /** The kernels that run its Dense layers (a replica on another thread must run the same to compute the same). */
  readonly kernelPath: KernelPath;
  /** All internal layers, the output activation last. */
  private readonly layers: Layer[];
  /** The layers run in training: without the output activation when the loss reads logits. */
  private readonly trainLayers: Layer[];
  private readonly fromLogits: boolean;
  private readonly allParams: Param[];
  private readonly trainableParams: Param[];
  private lossGrad: Float32Array = new Float32Array(0);
  /** The training batch's outputs when the loss computes them on its way (a sigmoid fused into the loss). */
  private lossOutputs: Float32Array = new Float32Array(0);
  private readonly lossActivates: boolean;
  private capacity = 0;
  /** The last training batch: what `computeGradients` fed the loss, and how many rows. */
  private lastTrainOut: Float32Array = new Float32Array(0);
  private lastTrainRows = 0;
  /** The last `batchOutputs` view, reused while its buffer and row count stay the same. */
  private outputsView: Float32Array = new Float32Array(0);

  /** Builds the network and draws its initial weights from `rng`. */
  constructor(spec: NetworkSpec, rng: Rng, options: NetworkOptions = {}) {
    validateNetworkSpec(spec);
    this.spec = JSON.parse(JSON.stringify(spec)) as NetworkSpec;
    this.inputSize = spec.inputSize;
    this.outputSize = outputSize(spec);
    this.loss = getLoss(spec.loss);
    this.layers = [];
    const counts = new Map<string, number>();
    const uniqueName = (base: string): string => {
      const n = counts.get(base) ?? 0;
      counts.set(base, n + 1);
      return n === 0 ? base : `${base}_${n}`;
    };
    this.kernelChoice = options.kernels ?? 'auto';
    const kernels = new DenseKernelFactory(this.kernelChoice);
    let path: KernelPath | null = null;
    let width = spec.inputSize;
    for (const layer of spec.layers) {
      if (layer.type === 'dense') {
        const name = uniqueName('dense');
        const penalty = layer.l1 || layer.l2 ? { l1: layer.l1 ?? 0, l2: layer.l2 ?? 0 } : null;
        const activation = layer.activation ?? 'linear';
        const denseKernels = kernels.create(width, layer.units, activation === 'relu');
        path = denseKernels.path;
        const dense = new DenseLinear(name, width, layer.units, layer.useBias !== false, penalty, denseKernels);
        initialize(layer.kernelInitializer ?? 'glorot_uniform', dense.kernel.value, width, layer.units, rng);
        // Keras' compute_fans for a 1-D shape: fan_in = fan_out = its length.
        if (dense.bias) initialize(layer.biasInitializer ?? 'zeros', dense.bias.value, layer.units, layer.units, rng);
        this.layers.push(dense);
        if (activation !== 'linear' && !denseKernels.fusesRelu) this.layers.push(new ActivationLayer(`${name}/${activation}`, getActivation(activation), layer.units));
        width = layer.units;
      } else if (layer.type === 'dropout') {
        this.layers.push(new Dropout(uniqueName('dropout'), width, layer.rate));
      } else {
        this.layers.push(new BatchNorm(uniqueName('batch_normalization'), width, layer.momentum ?? 0.99, layer.epsilon ?? 1e-3));
      }
    }
    this.kernelPath = path!;
    const last = this.layers[this.layers.length - 1];
    this.fromLogits = last instanceof ActivationLayer && last.activation.name === this.loss.fuses;
    this.trainLayers = this.fromLogits ? this.layers.slice(0, -1) : this.layers;
    this.lossActivates = this.fromLogits && this.loss.activates;
    this.allParams = this.layers.flatMap((l) => [...l.params()]);
    this.trainableParams = this.allParams.filter((p) => p.trainable);
  }

  get parameterCount(): { trainable: number; nonTrainable: number } {
    return countParameters(this.spec);
  }

  /** Every param, persistent statistics included, in a stable order (the order weights are saved in). */
  params(): readonly Param[] {
    return this.allParams;
  }

  trainable(): readonly Param[] {
    return this.trainableParams;
  }

  private reserve(rows: number): void {
    if (rows <= this.capacity) return;
    for (const layer of this.layers) layer.reserve(rows);
    this.lossGrad = new Float32Array(rows * this.outputSize);
    if (this.lossActivates) this.lossOutputs = new Float32Array(rows * this.outputSize);
    this.capacity = rows;
  }

  computeGradients(x: Float32Array, y: Float32Array, rows: number, rng: RandomSource, sampleWeights?: Float32Array): number {
    this.reserve(rows);
    let out = x;
    for (const layer of this.trainLayers) out = layer.forward(out, rows, 'train', rng);
    this.lastTrainOut = out;
    this.lastTrainRows = rows;
    const activated = this.lossActivates ? this.lossOutputs : null;
    let loss = this.loss.compute({ pred: out, y, rows, width: this.outputSize, fromLogits: this.fromLogits, grad: this.lossGrad, sampleWeights, activated });
    let grad: Float32Array | null = this.lossGrad;
    for (let i = this.trainLayers.length - 1; i >= 0 && grad; i--) grad = this.trainLayers[i]!.backward(grad, rows, i > 0);
    for (const layer of this.trainLayers) {
      loss += layer.penalty();
      layer.addPenaltyGradient();
    }
    return loss;
  }

  /**
   * The last `computeGradients` batch's outputs as `predict` gives them (probabilities, values), from its
   * training-mode forward pass: Keras' training metrics are computed from these. Valid until the next call.
   */
  batchOutputs(): Float32Array {
    const out = this.lastTrainOut, rows = this.lastTrainRows;
    // With a fused loss the training pass stopped at the logits: apply the output activation alone.
    const outputs = this.lossActivates ? this.lossOutputs : this.fromLogits ? this.layers[this.layers.length - 1]!.forward(out, rows, 'infer', null) : out;
    const length = rows * this.outputSize;
    if (this.outputsView.buffer !== outputs.buffer || this.outputsView.byteOffset !== outputs.byteOffset || this.outputsView.length !== length) this.outputsView = outputs.subarray(0, length);
    return this.outputsView;
  }

  predict(x: Float32Array, rows: number): Float32Array {
    const result = new Float32Array(rows * this.outputSize);
    this.forEachChunk(x, rows, this.layers, (out, start, n) => result.set(out.subarray(0, n * this.outputSize), start * this.outputSize));
    return result;
  }

  evaluateLoss(x: Float32Array, y: Float32Array, rows: number, sampleWeights?: Float32Array): number {
    if (rows === 0) return NaN;
    const yWidth = this.loss.targetWidth(this.outputSize);
    let total = 0;
    this.forEachChunk(x, rows, this.trainLayers, (out, start, n) => {
      const args = { pred: out, y: y.subarray(start * yWidth, (start + n) * yWidth), rows: n, width: this.outputSize, fromLogits: this.fromLogits, grad: null };
      total += n * this.loss.compute(sampleWeights ? { ...args, sampleWeights: sampleWeights.subarray(start, start + n) } : args);
    });
    return total / rows;
  }

  /**
   * One inference pass for the epoch's validation: the mean loss (as `evaluateLoss`) and, in `outputs`
   * (rows × outputSize, the caller's buffer), what `predict` would return. Allocates nothing.
   */
  evaluate(x: Float32Array, y: Float32Array, rows: number, outputs: Float32Array, sampleWeights?: Float32Array): number {
    if (rows === 0) return NaN;
    const yWidth = this.loss.targetWidth(this.outputSize);
    const head = this.fromLogits ? this.layers[this.layers.length - 1]! : null;
    let total = 0;
    this.forEachChunk(x, rows, this.trainLayers, (out, start, n) => {
      const args = { pred: out, y: y.subarray(start * yWidth, (start + n) * yWidth), rows: n, width: this.outputSize, fromLogits: this.fromLogits, grad: null };
      total += n * this.loss.compute(sampleWeights ? { ...args, sampleWeights: sampleWeights.subarray(start, start + n) } : args);
      const inferred = head ? head.forward(out, n, 'infer', null) : out;
      outputs.set(inferred.subarray(0, n * this.outputSize), start * this.outputSize);
    });
    return total / rows;
  }

  private forEachChunk(x: Float32Array, rows: number, layers: readonly Layer[], visit: (out: Float32Array, start: number, n: number) => void): void {
    this.reserve(Math.min(rows, CHUNK_ROWS));
    for (let start = 0; start < rows; start += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rows - start);
      let out = x.subarray(start * this.inputSize, (start + n) * this.inputSize);
      for (const layer of layers) out = layer.forward(out, n, 'infer', null);
      visit(out, start, n);
    }
  }

  /** Copies of every param's values (persistent statistics included), e.g. to restore the best epoch later. */
  getWeights(): Float32Array[] {
    return this.allParams.map((p) => p.value.slice());
  }

  setWeights(weights: readonly Float32Array[]): void {
    if (weights.length !== this.allParams.length) throw new Error(`setWeights: expected ${this.allParams.length} arrays, got ${weights.length}`);
    this.allParams.forEach((p, i) => {
      const w = weights[i]!;
      if (w.length !== p.value.length) throw new Error(`setWeights: ${p.name} needs ${p.value.length} values, got ${w.length}`);
      p.value.set(w);
    });
  }
}
