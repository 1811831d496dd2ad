/**
 * A number typed into a field, checked against what the field takes. Out of range or not a number, the value in
 * force stays and the field says why, naming the allowed range (never a silent clamp).
 */
import { readableNumber } from './format.ts';

export interface NumberRule {
  /** The field's name as the message starts it: "Epochs", "Units of hidden layer 2". */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly whole: boolean;
}

export type Checked = { readonly value: number; readonly problem: null } | { readonly value: null; readonly problem: string };

export function checkNumber(text: string, rule: NumberRule): Checked {
  const value = Number(text.trim());
  const kind = rule.whole ? 'a whole number' : 'a number';
  const allowed = `${kind} from ${readableNumber(rule.min)} to ${readableNumber(rule.max)}`;
  if (text.trim() === '') return { value: null, problem: `${rule.label} takes ${allowed}.` };
  if (!Number.isFinite(value)) return { value: null, problem: `${rule.label} takes ${allowed}; "${text.trim()}" is not a number.` };
  if (value < rule.min || value > rule.max || (rule.whole && !Number.isInteger(value))) {
    return { value: null, problem: `${rule.label} takes ${allowed}; ${readableNumber(value)} is not one, so the value stays as it was.` };
  }
  return { value, problem: null };
}
