/**
 * Opening a model file: from untrusted JSON to a network and a fitted recipe ready to predict, or a message that
 * names the field at fault and what was expected. The checks run from the outside in — is it a Layerlab model
 * at all, is its version readable, does it match the schema, do its parts agree with one another — so the
 * first message is about the first thing to fix.
 */
import { UserFacingError, isUserFacingError } from '../errors.ts';
import { base64ToFloat32 } from '../nn/base64.ts';
import { Ensemble, type Predictor } from '../nn/ensemble.ts';
import type { LossKind } from '../nn/losses.ts';
import { Network } from '../nn/network.ts';
import { Rng } from '../nn/rng.ts';
import { checkFittedFeatures } from '../prep/predict.ts';
import { fittedRecipeFromJSON } from '../prep/recipe-json.ts';
import type { FittedRecipe } from '../prep/types.ts';
import { MODEL_FORMAT, MODEL_MAJOR_VERSION, type ModelFile } from './model-file.ts';
import { MODEL_SCHEMA } from './model-schema.ts';
import { refuseForbiddenKeys } from './safe-json.ts';
import { membersFromTopology, type FunctionalTopology } from './ensemble-topology.ts';
import { describeViolation, firstViolation } from './schema-check.ts';
import { specFromTopology, type ModelTopology, type ReadTopology } from './tfjs-topology.ts';
import { unpackWeights } from './weights.ts';

export interface LoadedModel {
  readonly file: ModelFile;
  readonly recipe: FittedRecipe;
  /** One network, or an ensemble averaging its members. */
  readonly network: Predictor;
  /** Binary decisions: P(positive) ≥ threshold. */
  readonly threshold: number;
}

function invalid(message: string): never {
  throw new UserFacingError('invalid-model', `Invalid model file: ${message}`);
}

function notAModel(json: unknown): never {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const found = Array.isArray(json) ? 'a list' : json === null ? 'null' : `a ${typeof json}`;
    throw new UserFacingError('not-a-model', `This is not a Layerlab model file: it holds ${found}, not an object with "format": "${MODEL_FORMAT}".`);
  }
  const fields = json as Record<string, unknown>;
  const what =
    fields.format === 'layerlab-project'
      ? 'a Layerlab project (.layerlab), not a model file. Open it as a project, or export a model from it'
      : fields.weightsManifest !== undefined && fields.modelTopology !== undefined
        ? 'a TensorFlow.js model.json, not a Layerlab model file: it has the network but not the cleaning recipe Layerlab needs to predict from raw rows'
        : `not a Layerlab model file (expected "format": "${MODEL_FORMAT}", found ${JSON.stringify(fields.format) ?? 'no format'})`;
  throw new UserFacingError('not-a-model', `This is ${what}.`);
}

function checkVersion(version: unknown): void {
  const match = typeof version === 'string' ? /^(\d+)\.(\d+)$/.exec(version) : null;
  if (!match) invalid(`"version" should be a version such as "${MODEL_MAJOR_VERSION}.0", found ${JSON.stringify(version) ?? 'nothing'}.`);
  const major = Number(match[1]);
  if (major > MODEL_MAJOR_VERSION) {
    throw new UserFacingError(
      'model-too-new',
      `This model file has format version ${version}, made by a newer Layerlab; this one reads versions 1.x to ${MODEL_MAJOR_VERSION}.x. Update Layerlab to open it.`,
    );
  }
  if (major < 1) invalid(`"version" ${version} is older than any format Layerlab wrote.`);
}

/** The fitted recipe's own reader names fields from its root; here they are named from the model file's root. */
function readRecipe(json: unknown): FittedRecipe {
  try {
    return fittedRecipeFromJSON(json);
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    const field = /^Invalid fitted recipe: "([^"]*)" (should be .*)$/s.exec(error.message);
    if (field) invalid(`"recipe${field[1] ? `.${field[1]}` : ''}" ${field[2]}`);
    invalid(`in "recipe": ${error.message}`);
  }
}

function checkAgreement(file: ModelFile, recipe: FittedRecipe, network: Predictor): void {
  const target = recipe.target;
  if (network.inputSize !== recipe.features.length) {
    invalid(`the network takes ${network.inputSize} inputs ("network.modelTopology.config.layers[0].config.batch_input_shape"), but the recipe makes ${recipe.features.length} features ("recipe.features").`);
  }
  if (network.outputSize !== target.outputWidth) {
    invalid(`the network gives ${network.outputSize} outputs, but the ${target.task} target "${target.column}" needs ${target.outputWidth} ("recipe.target.outputWidth").`);
  }
  const classification = target.task !== 'regression';
  const lossFits = target.task === 'binary' ? file.network.loss === 'binary_crossentropy' : classification ? file.network.loss.endsWith('categorical_crossentropy') : !file.network.loss.includes('crossentropy');
  if (!lossFits) invalid(`"network.loss" should suit a ${target.task} target, found "${file.network.loss}".`);
}

/** Every member's weights, read by name from the one weight buffer, set into its network. */
function readWeights(file: ModelFile, members: readonly { network: Network; weightNames: readonly string[] }[]): void {
  // The networks' own shapes say how many bytes to expect: far more text than that is refused before decoding.
  const expectedBytes = members.reduce((sum, { network }) => sum + network.params().reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0) * 4, 0);
  const text = file.network.weightData;
  if (text.length > 2 * Math.ceil(expectedBytes / 3) * 4 + 1024) {
    invalid(`"network.weightData" holds about ${Math.floor((text.length * 3) / 4).toLocaleString('en-US')} bytes, but the network in "network.modelTopology" has ${(expectedBytes / 4).toLocaleString('en-US')} weights (${expectedBytes.toLocaleString('en-US')} bytes).`);
  }
  let values: Float32Array;
  try {
    values = base64ToFloat32(file.network.weightData);
  } catch (error) {
    invalid(`"network.weightData" should be base64 of float32 values, but ${(error as Error).message}.`);
  }
  const expected = members.flatMap(({ network, weightNames }) => network.params().map((p, i) => ({ name: weightNames[i]!, shape: p.shape })));
  const arrays = unpackWeights(file.network.weightSpecs, values, expected, 'network');
  arrays.forEach((array, i) => {
    if (!array.every(Number.isFinite)) invalid(`the weight "${expected[i]!.name}" holds a value that is not a finite number.`);
  });
  let next = 0;
  for (const { network } of members) {
    const count = network.params().length;
    network.setWeights(arrays.slice(next, next + count));
    next += count;
  }
}

/** Each network of the file's topology with its weights' names: one for a Sequential model, the members of an ensemble. */
export function readMembers(topology: ModelTopology | FunctionalTopology, loss: LossKind): ReadTopology[] {
  return topology.class_name === 'Model' ? membersFromTopology(topology, loss) : [specFromTopology(topology, loss)];
}

function buildNetwork({ spec }: ReadTopology, at: string): Network {
  try {
    return new Network(spec, new Rng(0));
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    invalid(`the network${at} in "network.modelTopology" cannot be built: ${error.message}`);
  }
}

/** A model file's parsed JSON → a model ready to predict. Never runs anything from the file. */
export function loadModel(json: unknown): LoadedModel {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || (json as { format?: unknown }).format !== MODEL_FORMAT) notAModel(json);
  refuseForbiddenKeys(json, 'This model file');
  checkVersion((json as { version?: unknown }).version);
  const violation = firstViolation(MODEL_SCHEMA, json);
  if (violation) invalid(`${describeViolation(violation)}.`);
  const file = json as ModelFile;
  const recipe = readRecipe(file.recipe);
  const read = readMembers(file.network.modelTopology, file.network.loss);
  const members = read.map((member, i) => ({ network: buildNetwork(member, read.length > 1 ? ` of member ${i + 1}` : ''), weightNames: member.weightNames }));
  for (const { network } of members) checkAgreement(file, recipe, network);
  // After the networks (capped in size) agree on the number of inputs, so this dry run is bounded by both.
  checkFittedFeatures(recipe);
  readWeights(file, members);
  const network = members.length === 1 ? members[0]!.network : new Ensemble(members.map((m) => m.network));
  return { file, recipe, network, threshold: file.decision?.threshold ?? 0.5 };
}
