/** Fitting and applying one recipe step, shared by `prepare` and prediction. */
import { UserFacingError, isUserFacingError } from '../errors.ts';
import type { Table } from '../table/table.ts';
import { plainCopy } from './recipe-json.ts';
import { stepDefinition } from './steps/registry.ts';
import type { RecipeStep, StepOutput, TransformMode } from './types.ts';

/** Steps in the order `prepare` and prediction run them: whole-table steps first, each group in list order. */
export function executionOrder(steps: readonly RecipeStep[]): RecipeStep[] {
  const first = steps.filter((s) => stepDefinition(s.kind).beforeSplit);
  return [...first, ...steps.filter((s) => !stepDefinition(s.kind).beforeSplit)];
}

/** A user-facing error from inside a step, prefixed with the step so the user can find it in the list, and naming it. */
function inStep<T>(step: RecipeStep, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    throw new UserFacingError(error.code, `Step "${step.id}": ${error.message}`, { stepId: step.id });
  }
}

/** Fit on the training rows; the state is a checked JSON copy, exactly what a saved recipe will read back. */
export function fitStep(step: RecipeStep, table: Table, trainRows: Int32Array): unknown {
  return plainCopy(inStep(step, () => stepDefinition(step.kind).fit(table, trainRows, step.params)));
}

export function transformStep(step: RecipeStep, state: unknown, table: Table, mode: TransformMode): StepOutput {
  if (state === undefined || state === null) {
    throw new Error(`Step "${step.id}" (${step.kind}) has no fitted state: fit it on the training rows before transforming.`);
  }
  return inStep(step, () => stepDefinition(step.kind).transform(table, state, mode));
}

/** Only whole-table row steps may read the target; every other step would prepare it like a feature. */
export function requireTargetUntouched(steps: readonly RecipeStep[], target: string): void {
  for (const step of steps) {
    const definition = stepDefinition(step.kind);
    if (definition.beforeSplit || !definition.inputs(step.params).includes(target)) continue;
    throw new UserFacingError(
      'target-in-step',
      `Step "${step.id}" (${definition.describe(step.params)}) uses the target column "${target}". The target is prepared by the target settings (task, classes, scaling); remove it from the step.`,
      { stepId: step.id },
    );
  }
}
