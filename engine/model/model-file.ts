/**
 * The model file: everything needed to predict from raw rows — the fitted cleaning recipe and the trained
 * network — plus what was measured. (First version: the TF.js-compatible topology and full provenance come with
 * the export work.)
 */
import { UserFacingError } from '../errors.ts';
import { networkFromJSON, type NetworkJSON } from '../nn/network-json.ts';
import type { Network } from '../nn/network.ts';
import { decodePredictions, type DecodedPredictions } from '../prep/decode.ts';
import { transformForPrediction } from '../prep/predict.ts';
import { fittedRecipeFromJSON } from '../prep/recipe-json.ts';
import type { FittedRecipe, Rejection } from '../prep/types.ts';
import type { Table } from '../table/table.ts';

export const MODEL_FORMAT = 'layerlab-model';
export const MODEL_VERSION = 1;

export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly version: number;
  readonly recipe: FittedRecipe;
  readonly network: NetworkJSON;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly training: Readonly<Record<string, unknown>>;
  readonly provenance: Readonly<Record<string, unknown>>;
}

export interface LoadedModel {
  readonly file: ModelFile;
  readonly recipe: FittedRecipe;
  readonly network: Network;
}

export function loadModel(json: unknown): LoadedModel {
  const file = json as Partial<ModelFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== MODEL_FORMAT) {
    throw new UserFacingError('not-a-model', `This is not a Layerlab model file (expected "format": "${MODEL_FORMAT}").`);
  }
  if (typeof file.version !== 'number' || file.version > MODEL_VERSION) {
    throw new UserFacingError('model-too-new', `This model was saved by a newer Layerlab (format version ${String(file.version)}). Update Layerlab to open it.`);
  }
  return { file: file as ModelFile, recipe: fittedRecipeFromJSON(file.recipe), network: networkFromJSON(file.network) };
}

export interface ModelPredictions extends DecodedPredictions {
  readonly rowIndex: Int32Array;
  readonly rejected: readonly Rejection[];
}

/** Raw rows in, answers out: the recipe applied exactly as at training time, then the network. */
export function predictTable(model: LoadedModel, table: Table, threshold = 0.5): ModelPredictions {
  const input = transformForPrediction(model.recipe, table);
  const outputs = model.network.predict(input.x, input.rows);
  return { ...decodePredictions(model.recipe, outputs, input.rows, threshold), rowIndex: input.rowIndex, rejected: input.rejected };
}
