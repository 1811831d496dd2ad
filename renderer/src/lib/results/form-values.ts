/** The prediction form's starting values: a typical value of each input column, as text. */
import type { InputColumn } from '../../../../engine/prep/types.ts';

function typical(input: InputColumn): string {
  if (input.storage === 'category') return input.categories?.[0] ?? '';
  if (input.min === undefined || input.max === undefined) return '';
  const middle = (input.min + input.max) / 2;
  const integral = input.type === 'integer' || input.type === 'boolean' || (Number.isInteger(input.min) && Number.isInteger(input.max));
  return String(integral ? Math.round(middle) : Number(middle.toPrecision(4)));
}

export function defaultFormValues(inputs: readonly InputColumn[]): Record<string, string> {
  return Object.fromEntries(inputs.map((input) => [input.name, typical(input)]));
}
