/**
 * The fitted recipe as graph operators: raw columns in (one input per column of the input schema), the
 * network's float32 feature matrix out, and the rows Layerlab would refuse. Steps run in Layerlab's execution
 * order through their emitters (steps/registry.ts); the features must come out with the model's names, in
 * the model's order, or the export stops (a mismatch is a bug here, never something to approximate).
 */
import { executionOrder } from '../../../engine/prep/run-step.ts';
import { stepDefinition } from '../../../engine/prep/steps/registry.ts';
import type { FittedRecipe, InputColumn } from '../../../engine/prep/types.ts';
import { Columns, labelCodes, MISSING, vocabularies, type NamedColumn } from './columns.ts';
import type { GraphBuilder } from './graph-builder.ts';
import { reasons, refusedStep } from './messages.ts';
import { int, type ElementType } from './onnx-proto.ts';
import { cast, equal, greater, isInfinite, isNaN, where } from './ops.ts';
import { Rejections } from './rejections.ts';
import type { EmitContext, StepEmitter } from './steps/context.ts';
import { STEP_EMITTERS } from './steps/registry.ts';

/** The element type of a raw column's graph input: text as strings, dates as epoch milliseconds, numbers as floats. */
export function inputType(column: InputColumn): ElementType {
  if (column.storage === 'category') return 'string';
  return column.type === 'datetime' ? 'double' : 'float';
}

function inputColumns(g: GraphBuilder, recipe: FittedRecipe): NamedColumn[] {
  const vocabulary = vocabularies(recipe);
  return recipe.inputSchema.map((column) => {
    const type = inputType(column);
    const input = g.input({ name: column.name, type, shape: ['N', 1] });
    if (type === 'string') return { name: column.name, value: { kind: 'labels', tensor: labelCodes(g, input, vocabulary.get(column.name)!), vocabulary: vocabulary.get(column.name)! } };
    if (type === 'double') return { name: column.name, value: { kind: 'number', tensor: input, fromFloat: false } };
    return { name: column.name, value: { kind: 'number', tensor: cast(g, input, 'double', `${column.name}/double`), fromFloat: true } };
  });
}

/**
 * A feature left empty or infinite refuses its row; the first such feature in the model's order names the
 * reason. As Layerlab words it: an empty input that no fill step covers is named first (the first in the input
 * schema), else the empty feature itself. Computed on the whole [N, features] matrix at once: one operator per
 * feature would make the graph slow on wide tables.
 */
function refuseGaps(ctx: EmitContext, raw: readonly NamedColumn[], matrix: string): void {
  const { g, rejections, recipe } = ctx;
  const unfillable = recipe.inputSchema.filter((c) => !c.missingAllowed).map((c) => raw.find((r) => r.name === c.name)!);
  // The code of the first empty input no fill step covers, 0 when there is none.
  let firstEmpty = g.int64(0);
  for (let i = unfillable.length - 1; i >= 0; i--) {
    const { name, value } = unfillable[i]!;
    const empty = value.kind === 'number' ? isNaN(g, value.tensor) : equal(g, value.tensor, g.int64(MISSING));
    firstEmpty = where(g, empty, rejections.code(reasons.emptyInput(name)), firstEmpty, 'empty_input/code');
  }
  const codes = (texts: string[], hint: string): string => g.constant('int64', [1, texts.length], texts.map((t) => rejections.index(t)), hint);
  const emptyFeature = codes(recipe.features.map(reasons.emptyFeature), 'empty_feature/codes');
  const emptyCodes = unfillable.length > 0 ? where(g, greater(g, firstEmpty, g.int64(0)), firstEmpty, emptyFeature) : emptyFeature;
  const infinite = isInfinite(g, matrix);
  const gap = g.op('Or', [isNaN(g, matrix), infinite]);
  const cellCodes = where(g, infinite, codes(recipe.features.map(reasons.infiniteFeature), 'infinite_feature/codes'), emptyCodes, 'gap/codes');
  // ArgMax gives the first largest: the first gap of the row (or column 0 of a row without one, masked below).
  const flags = cast(g, gap, 'float');
  const first = g.op('ArgMax', [flags], { axis: int(1), keepdims: int(1) }, { hint: 'gap/first' });
  const refused = greater(g, g.op('GatherElements', [flags, first], { axis: int(1) }), g.scalar('float', 0));
  rejections.addComputed(refused, g.op('GatherElements', [cellCodes, first], { axis: int(1) }, { hint: 'gap/code' }));
}

export interface RecipeGraph {
  /** float [N, features], in the model's feature order. */
  readonly features: string;
  /** string [N, 1]: why a row is refused, '' when it is usable. */
  readonly reason: string;
  /** bool [N, 1]. */
  readonly refused: string;
}

export function emitRecipe(g: GraphBuilder, recipe: FittedRecipe, emitters: typeof STEP_EMITTERS = STEP_EMITTERS): RecipeGraph {
  const raw = inputColumns(g, recipe);
  const ctx: EmitContext = { g, columns: new Columns(raw), rejections: new Rejections(g), recipe };
  const states = new Map(recipe.steps.map((s) => [s.id, s.state]));
  for (const step of executionOrder(recipe.recipe.steps)) {
    const emitter = emitters[step.kind];
    if ('refused' in emitter) refusedStep(step.id, stepDefinition(step.kind).describe(step.params), emitter.refused);
    (emitter as StepEmitter<typeof step.kind>)(ctx, states.get(step.id) as never);
  }
  const features = ctx.columns.all().filter((c) => c.name !== recipe.target.column);
  const names = features.map((c) => c.name);
  if (names.join('\u0000') !== recipe.features.join('\u0000')) {
    throw new Error(`ONNX export: the graph's features [${names.join(', ')}] differ from the model's [${recipe.features.join(', ')}]`);
  }
  const matrix = g.op('Concat', features.map((f) => ctx.columns.number(f.name).tensor), { axis: int(1) }, { hint: 'features/double' });
  refuseGaps(ctx, raw, matrix);
  const { reason, refused } = ctx.rejections.finish();
  return { features: cast(g, matrix, 'float', 'features'), reason, refused };
}
