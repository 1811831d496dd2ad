/** How metrics read on the Evaluate and Predict screens. Pure functions. */
import { readableNumber } from '../format.ts';

/** A share as a percentage with one decimal ("84.3%"); "–" when undefined. */
export function share(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** A score such as AUC or R² with three decimals; "–" when undefined. */
export function score(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(3);
}

/** A value in the target's units: four significant digits, thousands grouped from 10,000 ("118,400", "2008", "0.0421"). */
export function amount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return readableNumber(Number(value.toPrecision(4)), { maximumFractionDigits: 6 });
}

/** A cell of a listed row: numbers as they were read, missing as an empty mark. */
export function cell(value: number | string | null): string {
  return value === null ? '—' : String(value);
}
