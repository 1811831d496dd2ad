/**
 * Starting values for the prediction form: each input column's median (numbers) or most frequent value
 * (categories) over the rows of the data the model was trained on, when that data is open; the middle of the
 * training range otherwise. A form that starts on a typical row gives a typical prediction.
 */
import type { InputColumn } from '../../engine/prep/types.ts';
import { findColumn, MISSING_CODE, type Table } from '../../engine/table/table.ts';

const text = (value: number) => String(Number(value.toPrecision(6)));

function median(values: Float64Array): number | null {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  return present.length ? present[Math.floor((present.length - 1) / 2)]! : null;
}

function mostFrequent(codes: Int32Array, levels: readonly string[], allowed: readonly string[] | undefined): string | null {
  const counts = new Float64Array(levels.length);
  for (const code of codes) if (code !== MISSING_CODE) counts[code]! += 1;
  let best = -1;
  counts.forEach((n, code) => {
    if ((best < 0 || n > counts[best]!) && (!allowed || allowed.includes(levels[code]!))) best = code;
  });
  return best >= 0 && counts[best]! > 0 ? levels[best]! : null;
}

function fromRange(input: InputColumn): string {
  if (input.storage === 'category') return input.categories?.[0] ?? '';
  if (input.min === undefined || input.max === undefined) return '';
  const middle = (input.min + input.max) / 2;
  return input.type === 'integer' || input.type === 'boolean' ? String(Math.round(middle)) : text(middle);
}

export function typicalValues(inputs: readonly InputColumn[], table: Table | null): Record<string, string> {
  return Object.fromEntries(
    inputs.map((input) => {
      const column = table ? findColumn(table, input.name) : undefined;
      let value: string | null = null;
      if (column?.storage === 'number' && input.storage === 'number') {
        const m = median(column.values);
        value = m === null ? null : text(m);
      } else if (column?.storage === 'category' && input.storage === 'category') {
        value = mostFrequent(column.codes, column.levels, input.categories);
      }
      return [input.name, value ?? fromRange(input)];
    }),
  );
}
