/**
 * Recipe → training, validation and test matrices, without leaks:
 * 1. whole-table steps that learn nothing (drop duplicates, filters) run on every row;
 * 2. rows with an empty target are dropped (and reported); the task and classes are settled;
 * 3. the rows are split (seeded; stratified by class for classification);
 * 4. every other step is fitted on the TRAINING rows only and applied to all rows; a row a step removes is
 *    removed from whichever split holds it, so evaluation covers the rows the model accepts at prediction;
 * 5. the features (every column but the target) become float32 matrices.
 */
import { UserFacingError } from '../errors.ts';
import type { Column, NumberColumn, Table } from '../table/table.ts';
import { derivationOf } from './derived-columns.ts';
import { inputSchema, type ColumnInputs } from './input-schema.ts';
import { featureColumns, featureMatrix, requireFiniteFeatures } from './matrix.ts';
import { FITTED_RECIPE_FORMAT, plainCopy, recipeToJSON } from './recipe-json.ts';
import { NO_ROWS, stageReport, stepReport } from './report.ts';
import { executionOrder, fitStep, requireTargetUntouched, transformStep } from './run-step.ts';
import { splitRows } from './split.ts';
import { stepDefinition } from './steps/registry.ts';
import { allRows, formatCount, plural, takeRows } from './table-ops.ts';
import { countLabels } from './labels.ts';
import { refuseUniqueClasses, targetWarnings } from './target-checks.ts';
import { classIndices, describeTarget, fitTarget, planTarget, requireTargetColumn, rowsWithTarget, targetValues, type TargetPlan } from './target.ts';
import type { DataSplit, FittedRecipe, FittedStep, FittedTarget, Prepared, PreparedPreview, Recipe, RecipeStep, RowsBySplit, StepOutput, StepReport } from './types.ts';

const TRAIN = 0;
const VALIDATION = 1;
const TEST = 2;

/** The working table and, for each of its rows, the source row and the split holding it. */
interface Frame {
  readonly table: Table;
  readonly sourceRows: Int32Array;
  readonly splitOf: Uint8Array;
}

function keepRows(frame: Frame, kept: Int32Array, table?: Table): Frame {
  return {
    table: table ?? takeRows(frame.table, kept),
    sourceRows: kept.map((r) => frame.sourceRows[r]!),
    splitOf: Uint8Array.from(kept, (r) => frame.splitOf[r]!),
  };
}

function positionsIn(frame: Frame, split: number): Int32Array {
  const { splitOf } = frame;
  let count = 0;
  for (let i = 0; i < splitOf.length; i++) if (splitOf[i] === split) count++;
  const rows = new Int32Array(count);
  for (let i = 0, o = 0; i < splitOf.length; i++) if (splitOf[i] === split) rows[o++] = i;
  return rows;
}

function removedBySplit(frame: Frame, output: StepOutput): RowsBySplit {
  if (!output.keptRows) return NO_ROWS;
  const counts = [0, 0, 0];
  frame.splitOf.forEach((s) => counts[s]!++);
  output.keptRows.forEach((r) => counts[frame.splitOf[r]!]!--);
  return { train: counts[TRAIN]!, validation: counts[VALIDATION]!, test: counts[TEST]! };
}

function applyOutput(frame: Frame, output: StepOutput): Frame {
  return output.keptRows ? keepRows(frame, output.keptRows, output.table) : { ...frame, table: output.table };
}

function dataSplit(frame: Frame, split: number, features: readonly NumberColumn[], target: FittedTarget): { split: DataSplit; finite: boolean } {
  const rows = positionsIn(frame, split);
  const { x, finite } = featureMatrix(features, rows);
  const targetColumn = requireTargetColumn(frame.table, target.column);
  return { split: { x, y: targetValues(targetColumn, rows, target), rows: rows.length, rowIndex: rows.map((r) => frame.sourceRows[r]!) }, finite };
}

function noTrainingRows(culprit: string): UserFacingError {
  return new UserFacingError('no-training-rows', `${culprit} leaves no training rows. Use a larger training fraction, or loosen the steps that remove rows.`);
}

/** Everything but the matrices: the fitted recipe, the reports, and the final table with each row's split. */
interface Run {
  readonly fitted: FittedRecipe;
  readonly reports: readonly StepReport[];
  readonly frame: Frame;
  readonly features: readonly NumberColumn[];
}

/** The state of a run after a stage (the whole-table steps, target and split; then each step), with what the stage said. */
interface Stage {
  /** The stage's inputs as JSON: an equal key after equal earlier stages gives an equal stage. */
  readonly key: string;
  readonly frame: Frame;
  readonly trainRows: Int32Array;
  readonly reports: readonly StepReport[];
  readonly states: readonly (readonly [string, unknown])[];
}

interface SplitStage extends Stage {
  readonly plan: TargetPlan;
  /** The raw columns' categories and ranges on the training rows, filled as runs from this stage ask for them. */
  readonly inputs: Map<Column, ColumnInputs>;
}

/**
 * What the last run of a recipe on a table went through, stage by stage. Steps are pure, so a run of the same
 * table whose first stages have the same inputs can start after them: editing the scaling of a 100,000-row
 * table does not encode its 40 categories again. Holds the stages of the last run that got through its steps.
 */
export class PrepareCache {
  source: Table | null = null;
  stages: readonly Stage[] = [];
  /** Columns known to hold only finite numbers, by values or derivation (never written after they are made). */
  readonly finite = new WeakSet<object>();
}

function splitStage(source: Table, recipe: Recipe, steps: readonly RecipeStep[], key: string): SplitStage {
  const targetName = recipe.target.column;
  const reports: StepReport[] = [];
  const states: [string, unknown][] = [];
  let frame: Frame = { table: source, sourceRows: allRows(source.rowCount), splitOf: new Uint8Array(source.rowCount) };
  for (const step of steps) {
    const state = fitStep(step, frame.table, allRows(frame.table.rowCount));
    const output = transformStep(step, state, frame.table, 'prepare');
    reports.push(stepReport(step, stepDefinition(step.kind), output, { rowsBefore: frame.table.rowCount, rowsRemovedBySplit: NO_ROWS, learnedFromRows: 0, columnsBefore: frame.table.columns.map((c) => c.name) }));
    states.push([step.id, state]);
    frame = applyOutput(frame, output);
  }

  const withTarget = rowsWithTarget(requireTargetColumn(frame.table, targetName));
  const emptyTargets = frame.table.rowCount - withTarget.length;
  if (emptyTargets > 0) frame = keepRows(frame, withTarget);
  const targetColumn = requireTargetColumn(frame.table, targetName);
  const plan = planTarget(targetColumn, allRows(frame.table.rowCount), recipe.target);
  refuseUniqueClasses(targetColumn, countLabels(targetColumn, allRows(frame.table.rowCount)), plan.task);
  const warnings = targetWarnings(targetColumn, allRows(frame.table.rowCount), plan);
  reports.push(stageReport('target', `${emptyTargets > 0 ? `removed ${plural(emptyTargets, 'row')} with an empty target, ` : ''}${describeTarget(plan)}`, emptyTargets, warnings));

  const classes = plan.task === 'regression' ? undefined : classIndices(targetColumn, plan.classLabels!);
  const split = splitRows(frame.table.rowCount, recipe.split, classes);
  const splitOf = new Uint8Array(frame.table.rowCount);
  split.validation.forEach((r) => (splitOf[r] = VALIDATION));
  split.test.forEach((r) => (splitOf[r] = TEST));
  frame = { ...frame, splitOf };
  if (split.train.length === 0) throw noTrainingRows('The split');
  const stratified = recipe.split.stratify && classes ? ', stratified by class' : '';
  reports.push(
    stageReport(
      'split',
      `${formatCount(split.train.length)} training, ${formatCount(split.validation.length)} validation, ${formatCount(split.test.length)} test rows (seed ${recipe.split.seed}${stratified})`,
      0,
      split.test.length === 0 && recipe.split.test > 0 ? [noTestRows(frame.table.rowCount, recipe.split.test)] : [],
    ),
  );
  return { key, frame, trainRows: split.train, reports, states, plan, inputs: new Map() };
}

/** A test share that gave no test row: the test metrics will be missing, and the user should hear why before training. */
function noTestRows(rows: number, share: number): string {
  return (
    `No row is left for the test: ${plural(rows, 'row')} reach the split, too few to hold out ${Math.round(share * 100)}% (each class keeps its rows for training first). ` +
    'The model will train, but nothing will say how it does on new rows. Add rows, or check the steps and filters that removed them.'
  );
}

function stepStage(previous: Stage, step: RecipeStep, key: string): Stage {
  const { frame, trainRows } = previous;
  const definition = stepDefinition(step.kind);
  const state = fitStep(step, frame.table, trainRows);
  const output = transformStep(step, state, frame.table, 'prepare');
  const report = stepReport(step, definition, output, {
    rowsBefore: frame.table.rowCount,
    rowsRemovedBySplit: removedBySplit(frame, output),
    learnedFromRows: definition.learns(step.params) ? trainRows.length : 0,
    columnsBefore: frame.table.columns.map((c) => c.name),
  });
  const next = applyOutput(frame, output);
  // The training positions only move when a step removes rows.
  return { key, frame: next, trainRows: output.keptRows ? positionsIn(next, TRAIN) : trainRows, reports: [report], states: [[step.id, state]] };
}

/**
 * Told before each stage that runs (one that a cache gives back is not run, and not told): the caller shows
 * progress with it, and stops a run nobody waits for any more by throwing from it. `done` counts the stages
 * before this one: the whole-table steps with the target and split are one stage (stepId 'split'), then each
 * other step; `prepare` adds a last one for the matrices (stepId null).
 */
export type PrepareWatch = (progress: { readonly stepId: string | null; readonly done: number; readonly total: number }) => void;

/** Stages a run of `recipe` goes through: the split (with the whole-table steps), then each other step. */
function stagesOf(recipe: Recipe): number {
  return 1 + recipe.steps.filter((s) => !stepDefinition(s.kind).beforeSplit).length;
}

function run(source: Table, recipeInput: Recipe, cache?: PrepareCache, watch?: PrepareWatch, laterStages = 0): Run {
  const recipe = recipeToJSON(recipeInput);
  const targetName = recipe.target.column;
  requireTargetColumn(source, targetName);
  requireTargetUntouched(recipe.steps, targetName);
  const ordered = executionOrder(recipe.steps);
  const earlier = cache?.source === source ? cache.stages : [];

  const splitKey = JSON.stringify({ target: recipe.target, split: recipe.split, steps: ordered.filter((s) => stepDefinition(s.kind).beforeSplit) });
  const total = stagesOf(recipe) + laterStages;
  let reusing = earlier[0]?.key === splitKey;
  if (!reusing) watch?.({ stepId: 'split', done: 0, total });
  const first = (reusing ? earlier[0] : splitStage(source, recipe, ordered.filter((s) => stepDefinition(s.kind).beforeSplit), splitKey)) as SplitStage;
  // Only a cache keeps every stage: otherwise each stage's new columns are garbage once the next replaces them.
  const kept: Stage[] = [first];
  // The cache grows with the run: a run stopped midway (cancelled, or a step that fails) leaves the stages it finished.
  if (cache) {
    cache.source = source;
    cache.stages = kept;
  }
  const reports = [...first.reports];
  const stateList = [...first.states];
  let last: Stage = first;
  ordered.filter((s) => !stepDefinition(s.kind).beforeSplit).forEach((step, i) => {
    const key = JSON.stringify(step);
    const cached = earlier[i + 1];
    reusing &&= cached?.key === key;
    if (!reusing) watch?.({ stepId: step.id, done: i + 1, total });
    last = reusing ? cached! : stepStage(last, step, key);
    if (cache) kept.push(last);
    reports.push(...last.reports);
    stateList.push(...last.states);
  });

  const { frame, trainRows } = last;
  if (trainRows.length === 0) throw noTrainingRows('The recipe');
  const schema = inputSchema(first.frame.table, first.trainRows, recipe, first.inputs);
  const features = featureColumns(frame.table, targetName);
  const target = plainCopy(fitTarget(first.plan, requireTargetColumn(frame.table, targetName), trainRows, recipe.target));
  const states = new Map(stateList);
  const steps: FittedStep[] = recipe.steps.map((s) => ({ id: s.id, kind: s.kind, state: states.get(s.id) }));
  const fitted: FittedRecipe = { format: FITTED_RECIPE_FORMAT, version: 1, recipe, steps, features: features.map((c) => c.name), target, inputSchema: schema };
  return { fitted, reports, frame, features };
}

/** With a cache, the stages the last run on the same table went through with the same inputs are not run again. */
export function prepare(source: Table, recipe: Recipe, cache?: PrepareCache, watch?: PrepareWatch): Prepared {
  const { fitted, reports, frame, features } = run(source, recipe, cache, watch, 1);
  watch?.({ stepId: null, done: stagesOf(recipe), total: stagesOf(recipe) + 1 });
  const [train, validation, test] = [TRAIN, VALIDATION, TEST].map((s) => dataSplit(frame, s, features, fitted.target));
  // The per-column search only runs to word the message.
  if (![train, validation, test].every((s) => s!.finite)) requireFiniteFeatures(features, allRows(frame.table.rowCount), frame.sourceRows);
  return { fitted, train: train!.split, validation: validation!.split, test: test!.split, reports };
}

/**
 * What `prepare` gives, short of the matrices: the same fitted recipe, reports and checks, the rows per split,
 * and only the first `rows` prepared rows in file order (what the Clean step shows). A big table's matrices
 * take most of `prepare`'s time and memory, and a preview reads a screenful of them. With a cache, the stages
 * the last run on the same table went through with the same inputs are not run again.
 */
export function preparePreview(source: Table, recipe: Recipe, rows: number, cache?: PrepareCache, watch?: PrepareWatch): PreparedPreview {
  const { fitted, reports, frame, features } = run(source, recipe, cache, watch);
  for (const column of features) {
    const key = derivationOf(column) ?? column.values;
    if (cache?.finite.has(key)) continue;
    if (!allFinite(column)) requireFiniteFeatures(features, allRows(frame.table.rowCount), frame.sourceRows);
    cache?.finite.add(key);
  }
  const counts = [0, 0, 0];
  frame.splitOf.forEach((s) => counts[s]!++);
  // Frame rows stay in file order: steps keep rows in order, and the split only labels them.
  const first = allRows(Math.min(rows, frame.table.rowCount));
  const { x } = featureMatrix(features, first);
  return {
    fitted,
    reports,
    rows: { train: counts[TRAIN]!, validation: counts[VALIDATION]!, test: counts[TEST]! },
    first: {
      x,
      y: targetValues(requireTargetColumn(frame.table, fitted.target.column), first, fitted.target),
      rows: first.length,
      rowIndex: first.map((r) => frame.sourceRows[r]!),
      split: Uint8Array.from(first, (r) => frame.splitOf[r]!),
    },
  };
}

function allFinite(column: NumberColumn): boolean {
  const d = derivationOf(column);
  if (d?.kind === 'one-hot') return !d.codes.includes(d.missing);
  // v · 0 is ±0 for every finite number and NaN for NaN and ±Infinity; a sum without a branch is the fastest scan.
  // Rounded to float32 first, as the network will see it: beyond ±3.4e38 that is Infinity too.
  let sum = 0;
  if (d) for (let i = 0; i < d.source.length; i++) sum += Math.fround((d.source[i]! - d.center) / d.scale) * 0;
  else for (let i = 0; i < column.values.length; i++) sum += Math.fround(column.values[i]!) * 0;
  return sum === 0;
}
