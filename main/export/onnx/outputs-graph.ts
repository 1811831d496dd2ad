/**
 * The network's outputs in the user's words, as `layerlab predict` decides them: binary models give
 * P(classLabels[1]) and predict it at or above the threshold (compared in doubles, as Layerlab compares);
 * multi-class models predict the most probable class (ArgMax: ties go to the lower index); regression undoes the
 * target's standardization. A refused row gets an empty label (NaN for regression) and NaN probabilities.
 */
import type { FittedTarget } from '../../../engine/prep/types.ts';
import { ML_DOMAIN, type GraphBuilder } from './graph-builder.ts';
import { int, ints, strings, text, type ValueInfo } from './onnx-proto.ts';
import { add, atLeast, cast, mul, sub, where } from './ops.ts';
import type { RecipeGraph } from './recipe-graph.ts';

/** [N, 1] → [N]. */
function flatten(g: GraphBuilder, x: string, hint: string): string {
  return g.op('Reshape', [x, g.constant('int64', [1], [-1], 'shape(-1)')], {}, { hint });
}

export interface GraphOutput {
  readonly info: ValueInfo;
  readonly tensor: string;
}

export function emitOutputs(g: GraphBuilder, target: FittedTarget, output: string, recipe: RecipeGraph, threshold: number): GraphOutput[] {
  const error: GraphOutput = { info: { name: 'prediction_error', type: 'string', shape: ['N'], doc: "Why the row cannot be predicted, as layerlab predict says it; '' when it can." }, tensor: flatten(g, recipe.reason, 'prediction_error/flat') };
  if (target.task === 'regression') {
    const { mean, std } = target.scale ?? { mean: 0, std: 1 };
    const value = add(g, mul(g, cast(g, output, 'double'), g.double(std)), g.double(mean));
    const label = flatten(g, where(g, recipe.refused, g.double(NaN), value), 'label/flat');
    return [{ info: { name: 'label', type: 'double', shape: ['N'], doc: `The predicted "${target.column}", in its own units (NaN for a refused row).` }, tensor: label }, error];
  }
  const classes = target.classLabels!;
  let probabilities: string;
  let label: string;
  if (target.task === 'binary') {
    probabilities = g.op('Concat', [sub(g, g.scalar('float', 1), output), output], { axis: int(1) });
    label = where(g, atLeast(g, cast(g, output, 'double'), g.double(threshold)), g.string(classes[1]!), g.string(classes[0]!));
  } else {
    probabilities = output;
    const index = g.op('ArgMax', [output], { axis: int(1), keepdims: int(1) });
    label = g.op('LabelEncoder', [index], { keys_int64s: ints(classes.map((_, i) => i)), values_strings: strings(classes), default_string: text('') }, { domain: ML_DOMAIN });
  }
  const masked = where(g, recipe.refused, g.scalar('float', NaN), probabilities, 'probabilities/masked');
  return [
    { info: { name: 'label', type: 'string', shape: ['N'], doc: `The predicted class of "${target.column}" ('' for a refused row).` }, tensor: flatten(g, where(g, recipe.refused, g.string(''), label), 'label/flat') },
    { info: { name: 'probabilities', type: 'float', shape: ['N', classes.length], doc: `One probability per class, in the order ${JSON.stringify(classes)}.` }, tensor: masked },
    error,
  ];
}
