/** What a step emitter works with, and the helpers every emitter that compares or tests cells shares. */
import type { StepStateByKind } from '../../../../engine/prep/steps/registry.ts';
import type { StepKind } from '../../../../engine/prep/steps/params.ts';
import type { FittedRecipe } from '../../../../engine/prep/types.ts';
import { MISSING, type Columns, type ColumnValue } from '../columns.ts';
import type { GraphBuilder } from '../graph-builder.ts';
import { equal, isNaN } from '../ops.ts';
import type { Rejections } from '../rejections.ts';

export interface EmitContext {
  readonly g: GraphBuilder;
  readonly columns: Columns;
  readonly rejections: Rejections;
  readonly recipe: FittedRecipe;
}

/** Adds one fitted step to the graph: rewrites `ctx.columns`, adds the rows it refuses to `ctx.rejections`. */
export type StepEmitter<K extends StepKind> = (ctx: EmitContext, state: StepStateByKind[K]) => void;

/** A step kind with no faithful ONNX form: the export stops and says why (in words that follow "it"). */
export interface Refusal {
  readonly refused: string;
}

type NumberValue = Extract<ColumnValue, { kind: 'number' }>;

/**
 * A bound or a rule's value as a column compares it: rounded to float32 where the column still holds the float
 * input's values, so that a cell typed as the bound equals it (float32 rounding keeps order, so < and > agree
 * with Layerlab's except between numbers closer than the input's own precision).
 */
export function bound(g: GraphBuilder, column: NumberValue, value: number): string {
  const rounded = Math.fround(value);
  return g.double(column.fromFloat && Number.isFinite(rounded) ? rounded : value);
}

/** Per-row: the cell is empty. */
export function missing(g: GraphBuilder, column: ColumnValue): string {
  return column.kind === 'number' ? isNaN(g, column.tensor) : equal(g, column.tensor, g.int64(MISSING));
}

export function isDateColumn(recipe: FittedRecipe, name: string): boolean {
  return recipe.inputSchema.find((c) => c.name === name)?.type === 'datetime';
}
