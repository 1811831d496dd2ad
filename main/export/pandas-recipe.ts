/**
 * A fitted recipe as pandas code, shared by the exported Keras and PyTorch scripts: one commented block per
 * step, in Layerlab's execution order, with the constants each step learned from the training rows written in
 * (means, scales, levels, bounds, fills). The code does what the step's TypeScript transform does, column for
 * column, so the features come out in the same order with the same values; the export tests check that on real
 * datasets. Every step but drop-duplicates works row by row, so the code cleans a file chunk by chunk as well.
 */
import { executionOrder } from '../../engine/prep/run-step.ts';
import { OTHER_LEVEL } from '../../engine/prep/steps/encode.ts';
import { datePartName } from '../../engine/prep/steps/date-parts.ts';
import { indicatorName } from '../../engine/prep/steps/impute.ts';
import { pieceName } from '../../engine/prep/steps/piecewise-linear.ts';
import type { StepStateByKind } from '../../engine/prep/steps/registry.ts';
import { stepDefinition } from '../../engine/prep/steps/registry.ts';
import { numberLabel } from '../../engine/prep/table-ops.ts';
import type { FittedRecipe, RecipeStep } from '../../engine/prep/types.ts';
import { py, pyComment } from './python-literal.ts';

type Lines = string[];
const col = (name: string): string => `frame[${py(name)}]`;

/** Whether a raw column holds numbers (compared as numbers) or labels, as the step saw it. */
function isNumberColumn(recipe: FittedRecipe, name: string): boolean {
  if (name === recipe.target.column) return recipe.target.task === 'regression';
  return recipe.inputSchema.find((c) => c.name === name)?.storage !== 'category';
}

function isDateColumn(recipe: FittedRecipe, name: string): boolean {
  return recipe.inputSchema.find((c) => c.name === name)?.type === 'datetime';
}

/** A number as the column compares it: Layerlab keeps dates as milliseconds since 1970, pandas as Timestamps. */
function bound(recipe: FittedRecipe, column: string, value: number): string {
  if (!Number.isFinite(value) || !isDateColumn(recipe, column)) return py(value);
  return `pd.Timestamp(${py(value)}, unit="ms", tz="UTC")`;
}

/** A rule's values as the column compares them: numbers parsed (unparseable ones match nothing), or labels. */
function ruleValues(recipe: FittedRecipe, column: string, values: readonly (string | number)[]): string {
  if (!isNumberColumn(recipe, column)) return py(values.map((v) => (typeof v === 'number' ? numberLabel(v) : v)));
  const numbers = values.map((v) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v))).filter(Number.isFinite);
  return `[${numbers.map((n) => bound(recipe, column, n)).join(', ')}]`;
}

function range(recipe: FittedRecipe, column: string, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${col(column)}.between(${bound(recipe, column, min)}, ${bound(recipe, column, max)})`;
  return min !== undefined ? `(${col(column)} >= ${bound(recipe, column, min)})` : `(${col(column)} <= ${bound(recipe, column, max!)})`;
}

function filterRows(recipe: FittedRecipe, s: StepStateByKind['filter-rows']): Lines {
  const matches = s.rule === 'is-missing' ? `${col(s.column)}.isna()` : s.rule === 'equals' ? `${col(s.column)}.isin(${ruleValues(recipe, s.column, s.values ?? [])})` : range(recipe, s.column, s.min, s.max);
  const lines = [`matches = ${matches}`, `frame = frame[${s.action === 'keep' ? 'matches' : '~matches'}]`];
  // Only the target may be absent (rows to predict): the filter then has nothing to look at.
  return s.column === recipe.target.column ? [`if TARGET in frame.columns:`, ...lines.map((l) => `    ${l}`)] : lines;
}

function impute(s: StepStateByKind['impute']): Lines {
  if (s.strategy === 'drop-rows') return [`frame = frame.dropna(subset=${py(s.columns.map((c) => c.column))})`];
  return s.columns.map(({ column, fill, indicator }) =>
    indicator
      ? `frame = replace_column(frame, ${py(column)}, {${py(column)}: ${col(column)}.fillna(${py(fill!)}), ${py(indicatorName(column))}: ${col(column)}.isna().astype("float64")})`
      : `${col(column)} = ${col(column)}.fillna(${py(fill!)})`,
  );
}

function outliers(s: StepStateByKind['outliers']): Lines {
  if (s.action === 'clip') return s.bounds.map((b) => `${col(b.column)} = ${col(b.column)}.clip(lower=${py(b.low)}, upper=${py(b.high)})`);
  const outside = s.bounds.map((b) => `(${col(b.column)} < ${py(b.low)}) | (${col(b.column)} > ${py(b.high)})`).join(' | ');
  return [`outside = ${outside}`, 'frame = frame[~outside]'];
}

function invalidValues(recipe: FittedRecipe, s: StepStateByKind['invalid-values']): Lines {
  const c = col(s.column);
  const invalid =
    s.rule === 'set'
      ? `${c}.notna() & ~${c}.isin(${ruleValues(recipe, s.column, s.values ?? [])})`
      : s.rule === 'finite'
        ? `np.isinf(${c})`
        : isDateColumn(recipe, s.column)
          ? `${c}.notna() & ~${range(recipe, s.column, s.min, s.max)}`
          : `${c}.notna() & ~(${c}.between(${py(s.min ?? -Infinity)}, ${py(s.max ?? Infinity)}) & np.isfinite(${c}))`;
  return [`invalid = ${invalid}`, s.action === 'missing' ? `frame.loc[invalid, ${py(s.column)}] = np.nan` : 'frame = frame[~invalid]'];
}

/** Rows whose label the encoding never saw are left out (Layerlab rejects them at prediction). */
function dropUnseen(column: string, known: string): Lines {
  return [
    `unseen = labels.notna() & ~labels.isin(${known})`,
    'if unseen.any():',
    `    left_out(int(unseen.sum()), ${py(`values of "${column}" never seen in training`)}, sorted(set(labels[unseen])))`,
    '    frame, labels = frame[~unseen], labels[~unseen]',
  ];
}

function encode(s: StepStateByKind['encode']): Lines {
  const lines = [`labels = as_labels(${col(s.column)})`];
  if (s.method === 'one-hot') {
    const outputs: [string, string][] = s.levels.map((level) => [`${s.column}=${level}`, `(labels == ${py(level)})`]);
    if (s.otherLevels.length > 0) outputs.push([`${s.column}=${OTHER_LEVEL}`, `labels.isin(${py(s.otherLevels)})`]);
    if (s.unseen === 'error') lines.push(...dropUnseen(s.column, py([...s.levels, ...s.otherLevels])));
    lines.push(`frame = replace_column(frame, ${py(s.column)}, {`, ...outputs.map(([name, test]) => `    ${py(name)}: ${test}.astype("float64").where(labels.notna()),`), '})');
    return lines;
  }
  const codes = s.method === 'ordinal' ? Object.fromEntries(s.order.map((level, i) => [level, i])) : { [s.negative]: 0, [s.positive]: 1 };
  const name = s.method === 'ordinal' ? s.column : `${s.column}=${s.positive}`;
  lines.push(...dropUnseen(s.column, py(Object.keys(codes))));
  lines.push(`frame = replace_column(frame, ${py(s.column)}, {${py(name)}: labels.map(${py(codes)}).astype("float64")})`);
  return lines;
}

function scale(s: StepStateByKind['scale']): Lines {
  return s.columns.map((c) => `${col(c.column)} = (${col(c.column)} - ${py(c.center)}) / ${py(c.scale)}`);
}

function logTransform(s: StepStateByKind['log-transform']): Lines {
  return s.columns.map((c) => `${col(c)} = np.sign(${col(c)}) * np.log1p(np.abs(${col(c)}))`);
}

/** Piece t of each value (clipped at 1 below the last piece, at 0 above the first), as piecewise-linear.ts does. */
function piecewiseLinear(s: StepStateByKind['piecewise-linear']): Lines {
  return s.columns.flatMap(({ column, edges }) => {
    const last = edges.length - 1;
    const pieces = Array.from({ length: last }, (_, i) => {
      const t = i + 1;
      const clip = [t > 1 ? 'lower=0.0' : '', t < last ? 'upper=1.0' : ''].filter(Boolean).join(', ');
      const value = `(${col(column)} - ${py(edges[t - 1]!)}) / ${py(edges[t]! - edges[t - 1]!)}`;
      return `    ${py(pieceName(column, t))}: (${value})${clip ? `.clip(${clip})` : ''},`;
    });
    return [`frame = replace_column(frame, ${py(column)}, {`, ...pieces, '})'];
  });
}

function dateParts(s: StepStateByKind['date-parts']): Lines {
  const part = { year: 'year', month: 'month', day: 'day', 'day-of-week': 'dayofweek' } as const;
  return [
    `dates = pd.to_datetime(${col(s.column)}, utc=True, errors="coerce")`,
    `frame = replace_column(frame, ${py(s.column)}, {`,
    ...s.parts.map((p) => `    ${py(datePartName(s.column, p))}: dates.dt.${part[p]}.astype("float64"),`),
    '})',
  ];
}

function stepLines(recipe: FittedRecipe, step: RecipeStep, state: unknown): Lines {
  switch (step.kind) {
    case 'drop-columns':
      return [`frame = frame.drop(columns=${py((state as StepStateByKind['drop-columns']).columns)}, errors="ignore")`];
    case 'drop-duplicates': {
      const columns = (state as StepStateByKind['drop-duplicates']).columns;
      return ['if training:  # new rows to predict are never dropped', `    frame = frame.drop_duplicates(${columns ? `subset=${py(columns)}` : ''})`];
    }
    case 'filter-rows':
      return filterRows(recipe, state as StepStateByKind['filter-rows']);
    case 'impute':
      return impute(state as StepStateByKind['impute']);
    case 'outliers':
      return outliers(state as StepStateByKind['outliers']);
    case 'invalid-values':
      return invalidValues(recipe, state as StepStateByKind['invalid-values']);
    case 'encode':
      return encode(state as StepStateByKind['encode']);
    case 'scale':
      return scale(state as StepStateByKind['scale']);
    case 'log-transform':
      return logTransform(state as StepStateByKind['log-transform']);
    case 'date-parts':
      return dateParts(state as StepStateByKind['date-parts']);
    case 'piecewise-linear':
      return piecewiseLinear(state as StepStateByKind['piecewise-linear']);
  }
}

/** One step as commented Python lines, each starting with `indent`. */
export function stepCode(recipe: FittedRecipe, step: RecipeStep, indent = '    '): string {
  const state = recipe.steps.find((s) => s.id === step.id)!.state;
  const title = pyComment(`Step "${step.id}": ${stepDefinition(step.kind).describe(step.params)}.`, indent);
  return `${title}\n${stepLines(recipe, step, state).map((line) => `${indent}${line}`).join('\n')}\n`;
}

/** The steps that only remove rows and run on the whole table before the split, in execution order. */
export function beforeSplitSteps(recipe: FittedRecipe): RecipeStep[] {
  return executionOrder(recipe.recipe.steps).filter((s) => stepDefinition(s.kind).beforeSplit);
}

/** The body of the scripts' `clean(frame, training)` function, up to the feature matrix. */
export function cleaningCode(recipe: FittedRecipe): string {
  const after = executionOrder(recipe.recipe.steps).filter((s) => !stepDefinition(s.kind).beforeSplit);
  return [
    ...beforeSplitSteps(recipe).map((s) => stepCode(recipe, s)),
    '    # Rows without a target teach nothing: Layerlab leaves them out before splitting.\n    if training and TARGET in frame.columns:\n        frame = frame[frame[TARGET].notna()]\n',
    ...after.map((s) => stepCode(recipe, s)),
  ].join('\n');
}
