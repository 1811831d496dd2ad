/**
 * The model file: one self-contained JSON document with everything needed to predict from raw rows (the
 * network as a TensorFlow.js layers-model — topology, weight specs, weights — and the fitted cleaning recipe
 * with its input schema and target) plus what was measured and where it came from. Documented in
 * docs/model-format.md; checked on load against `MODEL_SCHEMA`.
 */
import type { ClassificationReport, RegressionReport } from '../metrics/index.ts';
import { float32ToBase64 } from '../nn/base64.ts';
import type { LossKind } from '../nn/losses.ts';
import type { NetworkJSON } from '../nn/network-json.ts';
import type { NetworkDesign, TrainingSettings } from '../pipeline/training-settings.ts';
import type { TrainingResult } from '../pipeline/train-job.ts';
import { fittedRecipeToJSON } from '../prep/recipe-json.ts';
import type { FittedRecipe } from '../prep/types.ts';
import { ensembleTopology, membersFromTopology, type FunctionalTopology } from './ensemble-topology.ts';
import { specFromTopology, topologyFromSpec, type ModelTopology } from './tfjs-topology.ts';
import { packWeights, type WeightSpec } from './weights.ts';

export const MODEL_FORMAT = 'layerlab-model';
/**
 * Readers refuse a newer major version; a newer minor version only adds fields, which older readers ignore.
 * A file carries the lowest version that reads it: 2.0 only when it holds an ensemble or a step kind that
 * version 1 readers do not know, so every other model still opens in a version 1 reader.
 */
export const MODEL_MAJOR_VERSION = 2;
export const MODEL_VERSION = `${MODEL_MAJOR_VERSION}.0`;
const VERSION_1 = '1.0';
const VERSION_2_STEP_KINDS: ReadonlySet<string> = new Set(['piecewise-linear']);

/** The network exactly as TF.js' `ModelArtifacts`: `tf.io.fromMemory` takes it once `weightData` is decoded. */
export interface ModelNetwork {
  readonly format: 'layers-model';
  readonly generatedBy: string;
  readonly convertedBy: null;
  /** Sequential for one network; a functional Model averaging its members for an ensemble (format 2.0). */
  readonly modelTopology: ModelTopology | FunctionalTopology;
  readonly weightSpecs: readonly WeightSpec[];
  /** Base64 of the weights as little-endian float32 values, concatenated in `weightSpecs` order. */
  readonly weightData: string;
  readonly loss: LossKind;
}

/** How one member of an ensemble was trained. */
export interface ModelMember {
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  /** The rows it trained on and stopped early on. */
  readonly rows: { readonly train: number; readonly validation: number };
  readonly epochsCompleted: number;
  readonly bestEpoch: number | null;
  readonly stopReason: string;
}

/** A trial of the network search as the model file records it (a leaderboard row). */
export interface ModelSearchTrial {
  readonly rank: number;
  readonly config: Readonly<Record<string, unknown>>;
  readonly validation: { readonly mean: number; readonly std: number };
  readonly seconds: number;
}

/** What the network search did to arrive at this model. */
export interface ModelSearch {
  /** The method in words: "successive halving over a seeded portfolio and TPE-style sampler ...". */
  readonly method: string;
  /** 1: one hold-out of the non-test rows; K ≥ 2: K-fold cross-validation. */
  readonly folds: number;
  readonly seconds: number;
  readonly trials: number;
  readonly validation: { readonly metric: 'accuracy' | 'r2'; readonly mean: number; readonly std: number };
  readonly leaderboard: readonly ModelSearchTrial[];
}

export interface ModelTraining {
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly rows: TrainingResult['rows'];
  readonly epochsCompleted: number;
  readonly bestEpoch: number | null;
  readonly stopReason: string;
  /** Keras' History.history: per-epoch loss, metrics and learning rate (null where a value was not a number). */
  readonly history: Readonly<Record<string, readonly (number | null)[]>>;
  /** Ensembles: each member, in member order (design and settings above are the first's). */
  readonly members?: readonly ModelMember[];
  readonly search?: ModelSearch;
}

type Report = ClassificationReport | RegressionReport;

/** The test rows scored by trivial models, so a reader sees what the network adds. */
export interface ModelBaselines {
  /** Classification: always the training rows' most frequent class. */
  readonly majorityClass?: Report;
  /** Regression: always the training rows' mean. */
  readonly mean?: Report;
  /** Logistic or linear regression: the same engine, no hidden layer. */
  readonly linear: Report | null;
}

export interface ModelMetrics {
  readonly test: Report | null;
  readonly validation: Report | null;
  readonly baselines?: ModelBaselines;
}

export interface ModelSource {
  readonly name: string;
  readonly sha256: string;
  readonly rows: number;
  readonly columns?: number;
  readonly format?: string;
  readonly sheet?: string | null;
  /** How a text file was read, so another tool (the Keras script) can read it the same way. */
  readonly delimiter?: string | null;
  readonly decimalComma?: boolean;
  readonly encoding?: string | null;
}

export interface ModelProvenance {
  readonly source: ModelSource;
  readonly app: { readonly name: string; readonly version: string };
  readonly created: string;
}

export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly version: string;
  readonly network: ModelNetwork;
  readonly recipe: FittedRecipe;
  /** Binary tasks: P(positive) at or above `threshold` predicts the positive class (0.5 when absent). */
  readonly decision?: { readonly threshold: number };
  readonly training: ModelTraining;
  readonly metrics: ModelMetrics;
  readonly provenance: ModelProvenance;
}

export interface ModelFileInput {
  readonly result: TrainingResult;
  readonly design: NetworkDesign;
  readonly settings: TrainingSettings;
  readonly source: ModelSource;
  readonly app: { readonly name: string; readonly version: string };
  readonly created?: Date;
  readonly threshold?: number;
  /** An ensemble: every member's network (the result's own network is not used) and how each was trained. */
  readonly ensemble?: { readonly networks: readonly NetworkJSON[]; readonly members: readonly ModelMember[] };
  readonly search?: ModelSearch;
  readonly baselines?: ModelBaselines;
}

/** Through JSON once, so the object in memory is exactly what a reader of the file gets (NaN becomes null). */
function asJSON<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The topology and packed weights of one network, or of an ensemble's members. */
function networkParts(networks: readonly NetworkJSON[], generatedBy: string): { modelTopology: ModelTopology | FunctionalTopology; weightSpecs: WeightSpec[]; values: Float32Array } {
  const loss = networks[0]!.spec.loss;
  if (networks.length === 1) {
    const modelTopology = topologyFromSpec(networks[0]!.spec, generatedBy);
    const packed = packWeights(networks[0]!, specFromTopology(modelTopology, loss).weightNames);
    return { modelTopology, weightSpecs: [...packed.weightSpecs], values: packed.values };
  }
  const modelTopology = ensembleTopology(networks.map((n) => n.spec), generatedBy);
  const packed = membersFromTopology(modelTopology, loss).map((member, i) => packWeights(networks[i]!, member.weightNames));
  const values = new Float32Array(packed.reduce((n, p) => n + p.values.length, 0));
  let offset = 0;
  for (const p of packed) {
    values.set(p.values, offset);
    offset += p.values.length;
  }
  return { modelTopology, weightSpecs: packed.flatMap((p) => p.weightSpecs), values };
}

export function buildModelFile(input: ModelFileInput): ModelFile {
  const { result } = input;
  const generatedBy = `${input.app.name} ${input.app.version}`;
  const networks = input.ensemble && input.ensemble.networks.length > 1 ? input.ensemble.networks : [input.ensemble?.networks[0] ?? result.network];
  const { modelTopology, weightSpecs, values } = networkParts(networks, generatedBy);
  const history = result.history;
  const baselines = input.baselines ?? result.baselines ?? null;
  const needsVersion2 = networks.length > 1 || result.fitted.recipe.steps.some((s) => VERSION_2_STEP_KINDS.has(s.kind));
  return {
    format: MODEL_FORMAT,
    version: needsVersion2 ? MODEL_VERSION : VERSION_1,
    network: {
      format: 'layers-model',
      generatedBy,
      convertedBy: null,
      modelTopology,
      weightSpecs,
      weightData: float32ToBase64(values),
      loss: networks[0]!.spec.loss,
    },
    recipe: fittedRecipeToJSON(result.fitted),
    ...(input.threshold !== undefined ? { decision: { threshold: input.threshold } } : {}),
    training: asJSON({
      design: input.design,
      settings: input.settings,
      rows: result.rows,
      epochsCompleted: history.epochsCompleted,
      bestEpoch: history.bestEpoch,
      stopReason: history.stopReason,
      history: history.history,
      ...(networks.length > 1 ? { members: input.ensemble!.members } : {}),
      ...(input.search ? { search: input.search } : {}),
    }),
    metrics: asJSON({ test: result.test?.report ?? null, validation: result.validation?.report ?? null, ...(baselines ? { baselines } : {}) }),
    provenance: asJSON({ source: input.source, app: input.app, created: (input.created ?? new Date()).toISOString() }),
  };
}

/** The file with the decision threshold the user chose; only a binary model has one, so any other is returned as is. */
export function withDecisionThreshold(file: ModelFile, threshold: number | undefined): ModelFile {
  if (threshold === undefined || file.recipe.target.task !== 'binary') return file;
  return { ...file, decision: { threshold } };
}

/** The file's text: indented for people who open it; the weights stay one base64 line. */
export function serializeModel(file: ModelFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}
