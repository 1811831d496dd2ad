/**
 * The search space and its TPE-style sampler (Bergstra et al., "Algorithms for Hyper-Parameter
 * Optimization", NeurIPS 2011). Every dimension maps a position u in [0, 1] to a value and back: depth 0–4,
 * width 16–512 (log scale, halving towards the output or constant), activation, dropout, L2 and L1 (log
 * scale, or off), learning rate (log scale), batch size, class weights, and how numbers are encoded. The
 * sampler splits the finished trials into the best quarter and the rest, draws candidates around the best
 * ones and keeps the candidate whose density under "best" most exceeds its density under "rest". Seeded:
 * the same trials give the same next config.
 */
import type { ActivationName } from '../nn/activations.ts';
import type { Rng } from '../nn/rng.ts';
import type { InputEncoding, TrialConfig } from './trial-config.ts';

export interface SpaceContext {
  /** Non-test rows: batch sizes above a quarter of the training rows are left out. */
  readonly rows: number;
  readonly classification: boolean;
  /** Whether the `pieces` encoding exists for this table (it needs number columns). */
  readonly pieces: boolean;
  /** Most epochs of a full-budget trial. */
  readonly epochs: number;
}

interface Categorical {
  readonly kind: 'categorical';
  readonly name: string;
  readonly options: readonly (string | number)[];
}

interface Numeric {
  readonly kind: 'numeric';
  readonly name: string;
}

type Dimension = Categorical | Numeric;

export const ACTIVATION_CHOICES: readonly ActivationName[] = ['relu', 'gelu', 'swish', 'selu', 'leaky_relu', 'tanh'];
const WIDTHS = [16, 32, 64, 128, 256, 512];
const BATCHES = [16, 32, 64, 128, 256, 512];

export function batchChoices(rows: number): number[] {
  const fitting = BATCHES.filter((b) => b <= Math.max(16, rows / 4));
  return fitting.length > 0 ? fitting : [BATCHES[0]!];
}

function dimensions(context: SpaceContext): Dimension[] {
  return [
    { kind: 'categorical', name: 'depth', options: [0, 1, 2, 3, 4] },
    { kind: 'categorical', name: 'width', options: WIDTHS },
    { kind: 'categorical', name: 'shape', options: ['constant', 'funnel'] },
    { kind: 'categorical', name: 'activation', options: ACTIVATION_CHOICES },
    { kind: 'numeric', name: 'dropout' },
    { kind: 'numeric', name: 'l2' },
    { kind: 'numeric', name: 'l1' },
    { kind: 'numeric', name: 'learningRate' },
    { kind: 'categorical', name: 'batchSize', options: batchChoices(context.rows) },
    { kind: 'categorical', name: 'classWeight', options: context.classification ? ['none', 'balanced'] : ['none'] },
    { kind: 'categorical', name: 'inputs', options: context.pieces ? ['standard', 'pieces'] : ['standard'] },
  ];
}

/** Below this position a penalty is off (0); above, log-uniform over its range. */
const PENALTY_OFF: Readonly<Record<'l1' | 'l2', number>> = { l2: 0.3, l1: 0.7 };
const PENALTY_RANGE: Readonly<Record<'l1' | 'l2', [number, number]>> = { l2: [-6, -2], l1: [-7, -3] };
const LEARNING_RATE_RANGE: [number, number] = [-4, -2];
const MAX_DROPOUT = 0.5;
/** Dropout moves in steps of 0.05: finer rates change nothing a trial can measure (and 0.0009 reads as a bug). */
const DROPOUT_STEP = 0.05;

/** `digits` significant digits: for values on a log scale (learning rate, penalties). */
function round(value: number, digits = 2): number {
  return Number(value.toPrecision(digits));
}

/** The nearest multiple of DROPOUT_STEP (0 below half a step), for a position u in [0, 1]. */
function dropoutAt(u: number): number {
  const steps = Math.round((u * MAX_DROPOUT) / DROPOUT_STEP);
  return Number((steps * DROPOUT_STEP).toFixed(2));
}

function penaltyValue(u: number, which: 'l1' | 'l2'): number {
  const off = PENALTY_OFF[which];
  if (u < off) return 0;
  const [lo, hi] = PENALTY_RANGE[which];
  return round(10 ** (lo + ((u - off) / (1 - off)) * (hi - lo)));
}

function penaltyPosition(value: number, which: 'l1' | 'l2'): number {
  const off = PENALTY_OFF[which];
  if (value <= 0) return off / 2;
  const [lo, hi] = PENALTY_RANGE[which];
  return Math.min(1, Math.max(off, off + ((Math.log10(value) - lo) / (hi - lo)) * (1 - off)));
}

type Point = Record<string, number>;

function optionPosition(options: readonly (string | number)[], value: string | number): number {
  const index = Math.max(0, options.indexOf(value));
  return (index + 0.5) / options.length;
}

function optionAt(options: readonly (string | number)[], u: number): string | number {
  return options[Math.min(options.length - 1, Math.floor(u * options.length))]!;
}

export function hiddenWidths(depth: number, width: number, shape: 'constant' | 'funnel'): number[] {
  return Array.from({ length: depth }, (_, i) => (shape === 'funnel' ? Math.max(8, width >> i) : width));
}

/** A point of [0, 1]^d as a trial config. */
export function configAt(point: Point, context: SpaceContext): TrialConfig {
  const dims = dimensions(context);
  const pick = (name: string): string | number => optionAt((dims.find((d) => d.name === name) as Categorical).options, point[name]!);
  const depth = pick('depth') as number;
  const [lrLo, lrHi] = LEARNING_RATE_RANGE;
  return {
    inputs: pick('inputs') as InputEncoding,
    hidden: hiddenWidths(depth, pick('width') as number, pick('shape') as 'constant' | 'funnel'),
    activation: pick('activation') as ActivationName,
    dropout: depth === 0 ? 0 : dropoutAt(point['dropout']!),
    l2: penaltyValue(point['l2']!, 'l2'),
    l1: penaltyValue(point['l1']!, 'l1'),
    learningRate: round(10 ** (lrLo + point['learningRate']! * (lrHi - lrLo))),
    batchSize: pick('batchSize') as number,
    classWeight: pick('classWeight') as 'none' | 'balanced',
    epochs: context.epochs,
    patience: patienceFor(context.epochs),
  };
}

/** Where a config sits in [0, 1]^d (the portfolio's configs become observations like any sampled one). */
export function pointOf(config: TrialConfig, context: SpaceContext): Point {
  const dims = dimensions(context);
  const options = (name: string): readonly (string | number)[] => (dims.find((d) => d.name === name) as Categorical).options;
  const depth = config.hidden.length;
  const width = config.hidden[0] ?? 128;
  const funnel = depth > 1 && config.hidden[1]! < width;
  const [lrLo, lrHi] = LEARNING_RATE_RANGE;
  return {
    depth: optionPosition(options('depth'), depth),
    width: optionPosition(options('width'), WIDTHS.reduce((best, w) => (Math.abs(Math.log2(w / width)) < Math.abs(Math.log2(best / width)) ? w : best))),
    shape: optionPosition(options('shape'), funnel ? 'funnel' : 'constant'),
    activation: optionPosition(options('activation'), config.activation),
    dropout: Math.min(1, config.dropout / MAX_DROPOUT),
    l2: penaltyPosition(config.l2, 'l2'),
    l1: penaltyPosition(config.l1, 'l1'),
    learningRate: Math.min(1, Math.max(0, (Math.log10(config.learningRate) - lrLo) / (lrHi - lrLo))),
    batchSize: optionPosition(options('batchSize'), config.batchSize),
    classWeight: optionPosition(options('classWeight'), config.classWeight),
    inputs: optionPosition(options('inputs'), config.inputs),
  };
}

/** Epochs without improvement before a trial stops: a tenth of its most epochs, at least 5. */
export function patienceFor(epochs: number): number {
  return Math.max(5, Math.round(epochs / 10));
}

export function randomConfig(rng: Rng, context: SpaceContext): TrialConfig {
  const point: Point = {};
  for (const d of dimensions(context)) point[d.name] = rng.next();
  return configAt(point, context);
}

/** Share of observations that count as "best". */
const GAMMA = 0.25;
const CANDIDATES = 24;
/** Fewest observations before the model replaces random sampling. */
const MIN_OBSERVATIONS = 6;

function density(dim: Dimension, points: readonly Point[], u: number): number {
  const n = points.length;
  if (dim.kind === 'categorical') {
    const k = dim.options.length;
    const bin = (x: number): number => Math.min(k - 1, Math.floor(x * k));
    const count = points.filter((p) => bin(p[dim.name]!) === bin(u)).length;
    return (count + 1) / (n + k);
  }
  const values = points.map((p) => p[dim.name]!);
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const spread = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, n));
  const bandwidth = Math.max(0.05, spread * n ** -0.2);
  const kernel = values.reduce((a, v) => a + Math.exp(-0.5 * ((u - v) / bandwidth) ** 2) / (bandwidth * Math.sqrt(2 * Math.PI)), 0);
  // A uniform prior component keeps every region reachable.
  return (kernel + 1) / (n + 1);
}

/**
 * The next config: random until there are enough observations, then TPE's best of 24 candidates. `ranked`
 * holds the configs tried so far, best first.
 */
export function proposeConfig(ranked: readonly TrialConfig[], rng: Rng, context: SpaceContext): TrialConfig {
  if (ranked.length < MIN_OBSERVATIONS) return randomConfig(rng, context);
  const dims = dimensions(context);
  const cut = Math.max(1, Math.ceil(ranked.length * GAMMA));
  const good = ranked.slice(0, cut).map((c) => pointOf(c, context));
  const bad = ranked.slice(cut).map((c) => pointOf(c, context));
  let best: { point: Point; score: number } | null = null;
  for (let c = 0; c < CANDIDATES; c++) {
    const around = good[rng.int(good.length)]!;
    const point: Point = {};
    for (const d of dims) {
      if (d.kind === 'categorical') point[d.name] = rng.next() < 0.7 ? around[d.name]! : rng.next();
      else point[d.name] = Math.min(1, Math.max(0, around[d.name]! + 0.15 * rng.normal()));
    }
    const score = dims.reduce((s, d) => s + Math.log(density(d, good, point[d.name]!)) - Math.log(density(d, bad, point[d.name]!)), 0);
    if (best === null || score > best.score) best = { point, score };
  }
  return configAt(best!.point, context);
}
