/**
 * The model file: one self-contained JSON document with everything needed to predict from raw rows (the
 * network as a TensorFlow.js layers-model — topology, weight specs, weights — and the fitted cleaning recipe
 * with its input schema and target) plus what was measured and where it came from. Documented in
 * docs/model-format.md; checked on load against `MODEL_SCHEMA`.
 */
import type { ClassificationReport, RegressionReport } from '../metrics/index.ts';
import { float32ToBase64 } from '../nn/base64.ts';
import type { LossKind } from '../nn/losses.ts';
import type { NetworkDesign, TrainingSettings } from '../pipeline/training-settings.ts';
import type { TrainingResult } from '../pipeline/train-job.ts';
import { fittedRecipeToJSON } from '../prep/recipe-json.ts';
import type { FittedRecipe } from '../prep/types.ts';
import { specFromTopology, topologyFromSpec, type ModelTopology } from './tfjs-topology.ts';
import { packWeights, type WeightSpec } from './weights.ts';

export const MODEL_FORMAT = 'layerlab-model';
/** Readers refuse a newer major version; a newer minor version only adds fields, which older readers ignore. */
export const MODEL_MAJOR_VERSION = 1;
export const MODEL_VERSION = `${MODEL_MAJOR_VERSION}.0`;

/** The network exactly as TF.js' `ModelArtifacts`: `tf.io.fromMemory` takes it once `weightData` is decoded. */
export interface ModelNetwork {
  readonly format: 'layers-model';
  readonly generatedBy: string;
  readonly convertedBy: null;
  readonly modelTopology: ModelTopology;
  readonly weightSpecs: readonly WeightSpec[];
  /** Base64 of the weights as little-endian float32 values, concatenated in `weightSpecs` order. */
  readonly weightData: string;
  readonly loss: LossKind;
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
}

export interface ModelMetrics {
  readonly test: ClassificationReport | RegressionReport | null;
  readonly validation: ClassificationReport | RegressionReport | null;
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
}

/** Through JSON once, so the object in memory is exactly what a reader of the file gets (NaN becomes null). */
function asJSON<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function buildModelFile(input: ModelFileInput): ModelFile {
  const { result } = input;
  const generatedBy = `${input.app.name} ${input.app.version}`;
  const modelTopology = topologyFromSpec(result.network.spec, generatedBy);
  const { weightNames } = specFromTopology(modelTopology, result.network.spec.loss);
  const packed = packWeights(result.network, weightNames);
  const history = result.history;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    network: {
      format: 'layers-model',
      generatedBy,
      convertedBy: null,
      modelTopology,
      weightSpecs: packed.weightSpecs,
      weightData: float32ToBase64(packed.values),
      loss: result.network.spec.loss,
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
    }),
    metrics: asJSON({ test: result.test?.report ?? null, validation: result.validation?.report ?? null }),
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
