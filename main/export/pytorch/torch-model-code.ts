/**
 * The parts of the PyTorch script that depend on the model: the network as a list of layers, the loss and
 * optimizer settings, the steps the split runs over the whole file first (with the columns they read), and the
 * model file itself (without its weights and results) that the trained model is written back into.
 */
import { createHash } from 'node:crypto';
import { UserFacingError } from '../../../engine/errors.ts';
import type { ModelFile } from '../../../engine/model/model-file.ts';
import { specFromTopology } from '../../../engine/model/tfjs-topology.ts';
import type { LayerSpec } from '../../../engine/nn/network-spec.ts';
import type { StepStateByKind } from '../../../engine/prep/steps/registry.ts';
import { beforeSplitSteps, stepCode } from '../pandas-recipe.ts';
import { py, pyFloat, pyPretty, type PythonValue } from '../python-literal.ts';

/** The network as build_network()'s Python: one line per layer, named as in the model file. */
export function networkCode(file: ModelFile): string {
  const topology = file.network.modelTopology;
  if (topology.class_name !== 'Sequential') {
    const kind: string = (topology as { class_name: string }).class_name;
    const what = kind === 'Model' ? 'an ensemble (a functional Model that averages several networks)' : `a ${kind}`;
    throw new UserFacingError('unsupported-model', `The PyTorch script trains one Sequential network; this model's network is ${what}, which it cannot train yet. Export the model file, the TF.js folder or the ONNX graph instead.`);
  }
  const { spec } = specFromTopology(topology, file.network.loss);
  // One spec layer per topology layer, except that a LeakyReLU layer folds into the Dense before it.
  const names = topology.config.layers.filter((l) => l.class_name !== 'LeakyReLU').map((l) => String(l.config.name));
  let width = spec.inputSize;
  const lines = spec.layers.map((layer: LayerSpec, i) => {
    const name = py(names[i]!);
    if (layer.type === 'dropout') return `nn.Dropout(${pyFloat(layer.rate)})`;
    if (layer.type === 'batchNormalization') return `BatchNorm(${name}, ${width}, momentum=${pyFloat(layer.momentum ?? 0.99)}, epsilon=${pyFloat(layer.epsilon ?? 1e-3)})`;
    const args = [name, String(width), String(layer.units), py(layer.activation ?? 'linear')];
    if (layer.useBias === false) args.push('use_bias=False');
    if (layer.kernelInitializer && layer.kernelInitializer !== 'glorot_uniform') args.push(`kernel_initializer=${py(layer.kernelInitializer)}`);
    if (layer.biasInitializer && layer.biasInitializer !== 'zeros') args.push(`bias_initializer=${py(layer.biasInitializer)}`);
    if (layer.l1) args.push(`l1=${pyFloat(layer.l1)}`);
    if (layer.l2) args.push(`l2=${pyFloat(layer.l2)}`);
    width = layer.units;
    return `Dense(${args.join(', ')})`;
  });
  return `def build_network():
    """The model's layers in order, as in the model file (Dense names match its weights)."""
    return Network([
${lines.map((line) => `        ${line},`).join('\n')}
    ])
`;
}

/** The row-removing steps that run before the split, as functions plan_split() runs on each chunk. */
export function beforeSplitCode(file: ModelFile): string {
  const recipe = file.recipe;
  const steps = beforeSplitSteps(recipe);
  const states = new Map(recipe.steps.map((s) => [s.id, s.state]));
  const functions: string[] = [];
  const entries = steps.map((step) => {
    if (step.kind === 'drop-duplicates') return `("duplicates", ${py((states.get(step.id) as StepStateByKind['drop-duplicates']).columns ?? null)})`;
    const name = `before_split_${functions.length + 1}`;
    functions.push(`def ${name}(frame):\n${stepCode(recipe, step)}    return frame\n`);
    return `("rows", ${name})`;
  });
  return `# The steps that only remove rows, run over the whole file before the split (see plan_split): a row filter
# keeps the rows its function returns; a duplicates step keeps the first of rows equal in its columns (None: all).
${functions.join('\n\n')}${functions.length ? '\n\n' : ''}BEFORE_SPLIT = [${entries.join(', ')}]
PLAN_COLUMNS = ${py(planColumns(file))}  # the columns plan_split reads (None: all of them)
`;
}

/** The columns the split needs: the target and those the before-split steps read; null when one compares whole rows. */
function planColumns(file: ModelFile): string[] | null {
  const columns = new Set([file.recipe.target.column]);
  for (const step of beforeSplitSteps(file.recipe)) {
    const state = file.recipe.steps.find((s) => s.id === step.id)!.state;
    if (step.kind === 'drop-duplicates') {
      const compared = (state as StepStateByKind['drop-duplicates']).columns;
      if (!compared) return null;
      compared.forEach((c) => columns.add(c));
    } else if (step.kind === 'filter-rows') {
      columns.add((state as StepStateByKind['filter-rows']).column);
    }
  }
  return [...columns];
}

/** The model file without its weights, history, metrics and provenance but its source: what the script fills in. */
function template(file: ModelFile): PythonValue {
  const { weightData: _weights, ...network } = file.network;
  return JSON.parse(JSON.stringify({
    format: file.format,
    version: file.version,
    network,
    recipe: file.recipe,
    ...(file.decision ? { decision: file.decision } : {}),
    training: { design: file.training.design, settings: file.training.settings },
    provenance: { source: file.provenance.source },
  })) as PythonValue;
}

/** The training settings the script reads besides those every Python export shares. */
export function trainingConstants(file: ModelFile): string {
  const settings = file.training.settings;
  const exportId = createHash('sha256').update(JSON.stringify(template(file))).update(file.network.weightData).digest('hex').slice(0, 16);
  return `LOSS = ${py(file.network.loss)}
OPTIMIZER = ${py(settings.optimizer as unknown as PythonValue)}
EARLY_STOPPING = ${py((settings.earlyStopping || null) as PythonValue)}  # on val_loss (loss without validation rows)
REDUCE_LR_ON_PLATEAU = ${py((settings.reduceLrOnPlateau || null) as PythonValue)}
LAYERLAB_VERSION = ${py(file.provenance.app.version)}
EXPORT_ID = ${py(exportId)}  # ties the work folder's shards and checkpoint to this export`;
}

/** The end of the script: the model file it came from, which the trained model is written back into. */
export function modelFileCode(file: ModelFile): string {
  return `# The model file this script was exported from, without its weights, history, metrics and provenance (but its
# source): the trained model is written back in its form.
MODEL = ${pyPretty(template(file))}

# The model file's weights: little-endian float32 values in MODEL["network"]["weightSpecs"] order, base64.
WEIGHT_DATA = ${py(file.network.weightData)}
`;
}
