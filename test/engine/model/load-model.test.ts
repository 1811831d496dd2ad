/**
 * Loading refuses a damaged, foreign, newer or hostile file with a message that names the field and what was
 * expected — each wrong field its own message — and never runs or merges anything from the file.
 */
import { describe, expect, it } from 'vitest';
import { isUserFacingError } from '../../../engine/errors.ts';
import { loadModel } from '../../../engine/model/load-model.ts';
import { serializeModel, type ModelFile } from '../../../engine/model/model-file.ts';
import { findForbiddenKey, parseJsonText } from '../../../engine/model/safe-json.ts';
import { float32ToBase64 } from '../../../engine/nn/base64.ts';
import { trained } from './trained.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function fresh(): Promise<Json> {
  return JSON.parse(serializeModel((await trained('titanic')).file)) as Json;
}

function failure(json: unknown): { code: string; message: string } {
  try {
    loadModel(json);
  } catch (error) {
    if (isUserFacingError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('loadModel accepted the file');
}

const layers = (f: Json): Json[] => f.network.modelTopology.config.layers;

/** [what is wrong, how to break a good file, error code, message]. */
const BROKEN: [string, (f: Json) => unknown, string, RegExp][] = [
  ['no format', (f) => (delete f.format, f), 'not-a-model', /not a Layerlab model file \(expected "format": "layerlab-model", found no format\)/],
  ['a TF.js model.json', () => ({ format: 'layers-model', modelTopology: {}, weightsManifest: [] }), 'not-a-model', /TensorFlow\.js model\.json.*not the cleaning recipe/],
  ['a project file', () => ({ format: 'layerlab-project', version: '1.0' }), 'not-a-model', /Layerlab project \(\.layerlab\)/],
  ['a list instead of an object', () => [1, 2], 'not-a-model', /not a Layerlab model file: it holds a list, not an object with "format": "layerlab-model"/],
  ['a newer major version', (f) => ({ ...f, version: '3.0', network: 'changed shape' }), 'model-too-new', /format version 3\.0, made by a newer Layerlab; this one reads versions 1\.x to 2\.x\. Update Layerlab/],
  ['a version that is a number', (f) => ({ ...f, version: 1 }), 'invalid-model', /"version" should be a version such as "2\.0", found 1\./],
  ['no network', (f) => (delete f.network, f), 'invalid-model', /"network" should be an object, found nothing\./],
  ['weights that are not base64', (f) => ((f.network.weightData = 'abc$'), f), 'invalid-model', /"network\.weightData" should be base64 text \(the weights as little-endian float32 values\), found "abc\$"/],
  ['weights cut short', (f) => ((f.network.weightData = f.network.weightData.slice(0, 400)), f), 'invalid-model', /"network\.weightData" should be \d+ bytes \(\d+ float32 values, as the weight specs add up to\), found 300 bytes/],
  ['a kernel stored transposed', (f) => ((f.network.weightSpecs[0].shape = [...f.network.weightSpecs[0].shape].reverse()), f), 'invalid-model', /"network\.weightSpecs\[0\]\.shape" should be \[\d+, 8\] for "dense\/kernel", found \[8, \d+\]/],
  ['a weight renamed', (f) => ((f.network.weightSpecs[2].name = 'dense_1/kernal'), f), 'invalid-model', /"network\.weightSpecs" should be a list holding "dense_1\/kernel", which the topology needs/],
  ['a weight that is not a number', (f) => ((f.network.weightData = nanWeights(f)), f), 'invalid-model', /the weight "dense\/kernel" holds a value that is not a finite number/],
  ['an unknown layer class', (f) => ((layers(f)[1]!.class_name = 'Conv2D'), f), 'invalid-model', /"network\.modelTopology\.config\.layers\[1\]\.class_name" should be one of Dense, Dropout, BatchNormalization, LeakyReLU, found "Conv2D"/],
  ['a layer class named like a prototype member', (f) => ((layers(f)[1]!.class_name = 'constructor'), f), 'invalid-model', /layers\[1\]\.class_name" should be one of Dense, Dropout, BatchNormalization, LeakyReLU, found "constructor"/],
  ['units given as text', (f) => ((layers(f)[0]!.config.units = '8'), f), 'invalid-model', /"network\.modelTopology\.config\.layers\[0\]\.config\.units" should be a whole number ≥ 1, found "8"/],
  ['an activation TF.js has no string for', (f) => ((layers(f)[0]!.config.activation = 'leaky_relu'), f), 'invalid-model', /layers\[0\]\.config\.activation" should be one of linear, relu, elu, selu, gelu, tanh, sigmoid, softmax, softplus, swish, found "leaky_relu"/],
  ['a misspelt required setting', (f) => ((layers(f)[1]!.config.usebias = layers(f)[1]!.config.use_bias), delete layers(f)[1]!.config.use_bias, f), 'invalid-model', /"network\.modelTopology\.config\.layers\[1\]\.config\.use_bias" should be true or false, found nothing/],
  ['no input shape', (f) => (delete layers(f)[0]!.config.batch_input_shape, f), 'unsupported-topology', /"network\.modelTopology\.config\.layers\[0\]\.config\.batch_input_shape" is absent, not \[null, <number of features>\]/],
  ['two layers with one name', (f) => ((layers(f)[1]!.config.name = 'dense'), f), 'unsupported-topology', /layers\[1\]\.config\.name" is "dense", the name of an earlier layer too/],
  ['an input width that disagrees with the recipe', (f) => ((layers(f)[0]!.config.batch_input_shape = [null, 3]), f), 'invalid-model', /network takes 3 inputs .* but the recipe makes \d+ features/],
  ['a loss that does not suit the task', (f) => ((f.network.loss = 'mse'), f), 'invalid-model', /"network\.loss" should suit a binary target, found "mse"/],
  ['a fitted step state without its bounds', (f) => (delete stepState(f, 'scale').columns, f), 'invalid-model', /"recipe\.steps\[\d+\]\.state\.columns" should be a list, found nothing/],
  ['an unknown step kind', (f) => ((f.recipe.steps[0].kind = 'pca'), f), 'invalid-model', /"recipe\.steps\[0\]\.kind" should be one of drop-columns, drop-duplicates/],
  ['class labels that are not a list', (f) => ((f.recipe.target.classLabels = '0,1'), f), 'invalid-model', /"recipe\.target\.classLabels" should be a list of at least 2 \(each a text\), found "0,1"/],
  ['a column type that does not exist', (f) => ((f.recipe.inputSchema[0].type = 'float'), f), 'invalid-model', /"recipe\.inputSchema\[0\]\.type" should be one of numeric, integer/],
  ['a malformed SHA-256', (f) => ((f.provenance.source.sha256 = 'abc'), f), 'invalid-model', /"provenance\.source\.sha256" should be 64 lowercase hexadecimal digits \(a SHA-256\), found "abc"/],
  ['a date that is not ISO', (f) => ((f.provenance.created = '31/01/2025'), f), 'invalid-model', /"provenance\.created" should be a UTC date and time such as "2025-01-31T12:00:00\.000Z", found "31\/01\/2025"/],
  ['a threshold above 1', (f) => ((f.decision = { threshold: 5 }), f), 'invalid-model', /"decision\.threshold" should be a number ≥ 0 and ≤ 1, found 5/],
  ['a billion units in a layer (refused before anything is allocated)', (f) => ((layers(f)[0]!.config.units = 1e9), f), 'invalid-model', /cannot be built: This network has [\d,]+ parameters, more than the 10,000,000 Layerlab trains/],
  ['an encoding claiming two million levels for a handful of features', (f) => ((oneHot(f).levels = Array.from({ length: 2_000_000 }, (_, i) => `L${i}`)), f), 'invalid-model', /^Invalid model file: an encoding in its recipe has 2,000,000 levels, but "recipe\.features" lists only \d+ features\./],
  ['an encoding whose levels are not the features listed', (f) => ((oneHot(f).levels = oneHot(f).levels.map((l: string) => `${l}!`)), f), 'invalid-model', /^Invalid model file: its recipe's steps make \d+ features, but "recipe\.features" lists \d+ \(feature \d+ is "[^"]+!" where the list has "[^"]+"\)\.[^\n]{0,200}$/],
  ['far more weight data than the network has weights', (f) => ((f.network.weightData = 'AAAA'.repeat(500_000)), f), 'invalid-model', /^Invalid model file: "network\.weightData" holds about 1,500,000 bytes, but the network in "network\.modelTopology" has [\d,]+ weights/],
  ['a "__proto__" key', (f) => JSON.parse(JSON.stringify(f).replace('"stopReason"', '"__proto__":{"polluted":true},"stopReason"')), 'forbidden-key', /holds the field "training\.__proto__", which Layerlab never writes and refuses to read/],
  ['a "constructor.prototype" key', (f) => ((f.metrics.constructor = { prototype: { polluted: true } }), f), 'forbidden-key', /"metrics\.constructor\.prototype"/],
];

function oneHot(f: Json): Json {
  return f.recipe.steps.find((s: Json) => s.kind === 'encode' && s.state.method === 'one-hot').state;
}

function stepState(f: Json, kind: string): Json {
  return f.recipe.steps.find((s: Json) => s.kind === kind).state;
}

function nanWeights(f: Json): string {
  const count = f.network.weightSpecs.reduce((n: number, s: Json) => n + s.shape.reduce((a: number, b: number) => a * b, 1), 0);
  const values = new Float32Array(count);
  values[0] = NaN;
  return float32ToBase64(values);
}

describe('loading refuses a bad file and says which field and what was expected', () => {
  for (const [what, breakIt, code, message] of BROKEN) {
    it(`${what}`, async () => {
      const error = failure(breakIt(await fresh()));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    });
  }

  it('gives a different message for every broken field', async () => {
    const messages = await Promise.all(BROKEN.map(async ([, breakIt]) => failure(breakIt(await fresh())).message));
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('reads a newer minor version, ignoring the fields it adds', async () => {
    const file = { ...(await fresh()), version: '1.7', explanation: { shap: [1, 2, 3] } };
    expect(loadModel(file).file.version).toBe('1.7');
  });

  it('leaves Object.prototype alone when a file carries "__proto__"', async () => {
    const text = serializeModel((await fresh()) as ModelFile).replace('"format": "layerlab-model"', '"__proto__": {"polluted": "yes"}, "format": "layerlab-model"');
    expect(() => loadModel(parseJsonText(text, 'The file'))).toThrow(/"__proto__"/);
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('walks a document nested 100,000 levels deep without overflowing the stack', () => {
    const deep = parseJsonText(`${'['.repeat(100_000)}{"__proto__":1}${']'.repeat(100_000)}`, 'The file');
    expect(findForbiddenKey(deep)).toMatch(/^\[0\]\[0\].*\["?__proto__"?\]|\.__proto__$/);
  });

  it('names a file that is not JSON and says what might have happened', () => {
    expect(() => parseJsonText('{"format": "layerlab-model", "version": "1.0", "network": {', 'model.json')).toThrow(/model\.json is not valid JSON \(.*\)\. Was it cut short or edited by hand\?/);
  });
});
