/**
 * The user's "this value means missing" for one column of a loaded table: `0` in a diabetes file's Insulin,
 * `unknown` in a survey. Number columns compare the markers as numbers, category columns as labels (trimmed,
 * case-sensitive, like the markers applied while loading). The result is a new column whose reason says how
 * many cells changed; the input is left as it was, so the user can take the markers back.
 */
import { quoted, reasons } from './messages.ts';
import { parseNumberText } from './number-text.ts';
import { MISSING_CODE, type Column } from './table.ts';

export function markMissing(column: Column, markers: readonly string[]): Column {
  const wanted = [...new Set(markers.map((m) => m.trim()).filter((m) => m !== ''))];
  if (wanted.length === 0) return column;
  const note = (cells: number) =>
    cells === 0 ? column.reason : `${column.reason}; ${wanted.length === 1 && wanted[0] === '0' && column.storage === 'number' ? reasons.zerosMissing(cells) : reasons.markedMissing(cells, wanted.map(quoted))}`;
  if (column.storage === 'number') {
    const numbers = new Set(wanted.map((m) => parseNumberText(m, false)).filter((n) => !Number.isNaN(n)));
    let cells = 0;
    const values = column.values.map((v) => (numbers.has(v) ? (cells++, NaN) : v));
    return { ...column, values, reason: note(cells) };
  }
  const marked = new Set(wanted);
  const levels = column.levels.filter((level) => !marked.has(level));
  const newCode = new Map(levels.map((level, i) => [level, i]));
  const remap = Int32Array.from(column.levels, (level) => newCode.get(level) ?? MISSING_CODE);
  let cells = 0;
  const codes = column.codes.map((code) => {
    if (code === MISSING_CODE) return code;
    const next = remap[code]!;
    if (next === MISSING_CODE) cells++;
    return next;
  });
  return { ...column, codes, levels, reason: note(cells) };
}
