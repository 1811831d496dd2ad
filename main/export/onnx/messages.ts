/**
 * The ONNX export's words: the reasons the graph gives for a row it refuses (its `prediction_error` output;
 * each starts with the column in quotes, as `layerlab predict`'s reasons do, and says the same thing without
 * the cell's value, which a graph cannot write into text), and the messages of an export that cannot be made.
 */
import { UserFacingError } from '../../../engine/errors.ts';
import { numberLabel } from '../../../engine/prep/table-ops.ts';

export const ONNX_OUTPUTS = ['label', 'probabilities', 'prediction_error'] as const;
export const MIN_OPSET = 13;
export const MAX_OPSET = 21;

export const reasons = {
  filterKeep: (column: string, rule: string) => `"${column}" is outside the rows the model was trained on (${rule}).`,
  filterRemove: (column: string, rule: string) => `"${column}" matches a rule the recipe removes rows by (${rule}).`,
  emptyDropped: (column: string) => `"${column}" is empty, and the recipe drops rows with an empty "${column}" instead of filling it in.`,
  belowBound: (column: string, low: number) =>
    `"${column}" is below ${numberLabel(low)}, the lower outlier bound learned from the training rows; the recipe removes such rows, so the model never saw one.`,
  aboveBound: (column: string, high: number) =>
    `"${column}" is above ${numberLabel(high)}, the upper outlier bound learned from the training rows; the recipe removes such rows, so the model never saw one.`,
  notAllowed: (column: string, allowed: string) => `"${column}" holds a value that is not allowed (allowed: ${allowed}); the recipe drops such rows.`,
  unseen: (column: string) => `"${column}" holds a value never seen in the training rows.`,
  emptyInput: (column: string) => `"${column}" is empty, and the recipe has no value to fill in for it (no missing-values step covers it). Enter a value.`,
  emptyFeature: (feature: string) => `"${feature}" is empty after the recipe's steps, and the model needs a value.`,
  infiniteFeature: (feature: string) => `"${feature}" is infinite, which the model cannot use.`,
};

export function refusedStep(stepId: string, description: string, why: string): never {
  throw new UserFacingError(
    'onnx-step-refused',
    `This model cannot be exported to ONNX: its recipe step "${stepId}" (${description}) ${why}, and the export never approximates a step. Use the model file with Layerlab or "layerlab predict", or train without that step.`,
  );
}

export function outputNameTaken(column: string): never {
  throw new UserFacingError(
    'onnx-name-taken',
    `This model cannot be exported to ONNX: its input column "${column}" has the name of one of the graph's outputs (${ONNX_OUTPUTS.join(', ')}), and ONNX names must be unique. Rename the column in the data file and train again.`,
  );
}

export function badOpset(opset: number): never {
  throw new UserFacingError('usage', `The ONNX opset must be a whole number from ${MIN_OPSET} to ${MAX_OPSET}, got ${opset}.`);
}
