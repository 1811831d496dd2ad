/**
 * A Layerlab model as one ONNX graph: raw columns in, the fitted cleaning recipe and the network inside, the
 * prediction out (docs/model-format.md, "ONNX"). Standard operators only (the default domain and ai.onnx.ml),
 * written by our own protobuf writer; no runtime is needed to write it.
 */
import type { LoadedModel } from '../../../engine/model/load-model.ts';
import { writeFileAtomic } from '../../project/atomic-write.ts';
import { appIdentity, type AppIdentity } from '../app-identity.ts';
import { GraphBuilder, ML_DOMAIN } from './graph-builder.ts';
import { badOpset, MAX_OPSET, MIN_OPSET, ONNX_OUTPUTS, outputNameTaken } from './messages.ts';
import { emitPredictor } from './network-graph.ts';
import { encodeModel, type Model } from './onnx-proto.ts';
import { emitOutputs } from './outputs-graph.ts';
import { emitRecipe, inputType } from './recipe-graph.ts';
import type { STEP_EMITTERS } from './steps/registry.ts';

/** Opset 13 is the oldest whose Softmax (over one axis) the graph assumes; runtimes from 2020 on read it. */
export const DEFAULT_OPSET = 13;
/** The classical-ML operators used (LabelEncoder) are those of ai.onnx.ml version 2. */
const ML_OPSET = 2;

/** The IR version each default-domain opset came with (onnx/onnx docs/Versioning.md): the oldest that can hold it. */
function irVersion(opset: number): number {
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  return opset <= 20 ? 9 : 10;
}

export interface OnnxOptions {
  readonly opset?: number;
  /** Binary models: the decision threshold written into the graph (the model's own by default). */
  readonly threshold?: number;
  /** Who writes the file (ModelProto's producer); the app that trained the model by default. */
  readonly producer?: AppIdentity;
  /** The step emitters (tests replace one to see a refusal). */
  readonly emitters?: typeof STEP_EMITTERS;
}

function metadata(model: LoadedModel, threshold: number): [string, string][] {
  const { recipe, file } = model;
  const target = recipe.target;
  return [
    ['layerlab.target', target.column],
    ['layerlab.task', target.task],
    ...(target.classLabels ? [['layerlab.class_labels', JSON.stringify(target.classLabels)] as [string, string]] : []),
    ...(target.task === 'binary' ? [['layerlab.threshold', String(threshold)] as [string, string]] : []),
    ...(target.scale ? [['layerlab.target_scale', JSON.stringify(target.scale)] as [string, string]] : []),
    ['layerlab.feature_names', JSON.stringify(recipe.features)],
    ['layerlab.inputs', JSON.stringify(recipe.inputSchema.map((c) => ({ name: c.name, type: inputType(c), column_type: c.type })))],
    ['layerlab.provenance', JSON.stringify(file.provenance)],
    ['layerlab.model_format_version', file.version],
  ];
}

export function onnxModel(model: LoadedModel, options: OnnxOptions = {}): Model {
  const opset = options.opset ?? DEFAULT_OPSET;
  if (!Number.isInteger(opset) || opset < MIN_OPSET || opset > MAX_OPSET) badOpset(opset);
  const threshold = options.threshold ?? model.threshold;
  const { recipe, file } = model;
  const taken = recipe.inputSchema.find((c) => (ONNX_OUTPUTS as readonly string[]).includes(c.name));
  if (taken) outputNameTaken(taken.name);
  const g = new GraphBuilder([...recipe.inputSchema.map((c) => c.name), ...ONNX_OUTPUTS]);
  const cleaned = emitRecipe(g, recipe, options.emitters);
  const output = emitPredictor(g, model.network, cleaned.features);
  for (const { info, tensor } of emitOutputs(g, recipe.target, output, cleaned, threshold)) g.output(info, tensor);
  const source = file.provenance.source;
  const doc = `Layerlab model predicting "${recipe.target.column}" (${recipe.target.task}) from ${recipe.inputSchema.length} raw columns, trained on ${source.name} (SHA-256 ${source.sha256}).`;
  return {
    irVersion: irVersion(opset),
    opsets: [
      { domain: '', version: opset },
      { domain: ML_DOMAIN, version: ML_OPSET },
    ],
    producerName: (options.producer ?? file.provenance.app).name,
    producerVersion: (options.producer ?? file.provenance.app).version,
    doc,
    graph: g.build('layerlab', doc),
    metadata: metadata(model, threshold),
  };
}

/** The .onnx file's bytes. */
export function onnxBytes(model: LoadedModel, options: OnnxOptions = {}): Uint8Array {
  return encodeModel(onnxModel(model, options));
}

export async function saveOnnxModel(path: string, model: LoadedModel, options: OnnxOptions = {}): Promise<{ bytes: number }> {
  const bytes = onnxBytes(model, { producer: await appIdentity(), ...options });
  await writeFileAtomic(path, bytes);
  return { bytes: bytes.length };
}
