import { describe, expect, it } from 'vitest';
import { ColumnBuilder, LEVELS_BEFORE_NUMBERS, type ColumnDraft } from '../../../engine/table/column-builder.ts';
import { missingMarkerList } from '../../../engine/table/missing.ts';

const markers = missingMarkerList();
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const decode = (bytes: Uint8Array, start: number, end: number) => decoder.decode(bytes.subarray(start, end));

function build(cells: readonly string[], decimalComma = false): ColumnDraft {
  const builder = new ColumnBuilder({ markers, decimalComma, capacity: 4 });
  for (const cell of cells) builder.add(cell);
  return builder.finish();
}

/** The same cells through `addByteRun`, laid out as one field per record, in runs of uneven length. */
function buildFromBytes(cells: readonly string[], decimalComma = false): ColumnDraft {
  const encoded = cells.map((cell) => encoder.encode(cell));
  const bytes = new Uint8Array(encoded.reduce((n, e) => n + e.length + 1, 0));
  const starts = new Int32Array(cells.length);
  const ends = new Int32Array(cells.length);
  let offset = 0;
  encoded.forEach((e, i) => {
    bytes.set(e, offset);
    starts[i] = offset;
    ends[i] = offset + e.length;
    offset += e.length + 1;
  });
  const builder = new ColumnBuilder({ markers, decimalComma, capacity: 4, decode });
  for (let i = 0; i < cells.length; i += 97) builder.addByteRun(bytes, starts, ends, i, 1, Math.min(97, cells.length - i));
  return builder.finish();
}

const numbers = (count: number, format = (i: number) => String(i * 1.5)) => Array.from({ length: count }, (_, i) => format(i));

describe('ColumnBuilder in dictionary mode', () => {
  it('codes trimmed texts in order of first appearance and folds missing markers into -1', () => {
    const draft = build([' Private', 'Self-emp', 'Private ', '?', '', 'NA']);
    expect(draft.body.kind).toBe('levels');
    if (draft.body.kind !== 'levels') return;
    expect(draft.body.levels).toEqual(['Private', 'Self-emp']);
    expect(Array.from(draft.body.codes)).toEqual([0, 1, 0, -1, -1, -1]);
    expect(draft.body.counts).toEqual([2, 1]);
    expect(draft.body.firstRows).toEqual([0, 1]);
    expect(Object.fromEntries(draft.missingByMarker)).toEqual({ '?': 1, '': 1, NA: 1 });
  });

  it('keeps None, a real category in diabetes130, as a value', () => {
    const draft = build(['None', '>7', 'None']);
    expect(draft.body.kind === 'levels' && draft.body.levels).toEqual(['None', '>7']);
  });
});

describe('ColumnBuilder switching storage', () => {
  it('moves to a Float64Array after 4096 distinct numbers, keeping the rows before and the missing counts', () => {
    const cells = numbers(LEVELS_BEFORE_NUMBERS + 500);
    cells[10] = 'NA';
    const draft = build(cells);
    expect(draft.body.kind).toBe('numbers');
    if (draft.body.kind !== 'numbers') return;
    expect(draft.body.values.length).toBe(cells.length);
    expect(draft.body.values[9]).toBe(13.5);
    expect(draft.body.values[10]).toBeNaN();
    expect(draft.body.values[cells.length - 1]).toBe((cells.length - 1) * 1.5);
    expect(draft.body.exactText).toBe(true);
    expect(Object.fromEntries(draft.missingByMarker)).toEqual({ NA: 1 });
  });

  it('remembers a few stray texts among the numbers, with count and first row', () => {
    const cells = numbers(LEVELS_BEFORE_NUMBERS + 2000);
    cells[5000] = 'unknown';
    cells[5100] = 'unknown';
    const draft = build(cells);
    expect(draft.body.kind === 'numbers' && draft.body.strays).toEqual([{ text: 'unknown', count: 2, firstRow: 5000 }]);
  });

  it('keeps numbers with leading zeros as texts: they are codes', () => {
    const draft = build(numbers(LEVELS_BEFORE_NUMBERS + 10, (i) => String(i).padStart(6, '0')));
    expect(draft.body.kind).toBe('levels');
  });

  it('goes back to texts when text outgrows the strays, writing earlier numbers in shortest form', () => {
    const cells = [...numbers(LEVELS_BEFORE_NUMBERS + 100, (i) => `${i}.0`), ...numbers(300, (i) => `V${i}`)];
    const draft = build(cells);
    expect(draft.body.kind).toBe('levels');
    if (draft.body.kind !== 'levels') return;
    expect(draft.body.codes.length).toBe(cells.length);
    expect(draft.body.levels[draft.body.codes[7]!]).toBe('7');
    expect(draft.body.levels[draft.body.codes[cells.length - 1]!]).toBe('V299');
    expect(draft.body.rewrittenNumbers).toBe(true);
  });

  it('writes decimal-comma numbers back with a comma', () => {
    const cells = [...numbers(LEVELS_BEFORE_NUMBERS + 100, (i) => `${i},5`), ...numbers(300, (i) => `x${i}`)];
    const draft = build(cells, true);
    expect(draft.body.kind === 'levels' && draft.body.levels[draft.body.codes[3]!]).toBe('3,5');
  });
});

describe('ColumnBuilder with a marker that looks like a number', () => {
  it('reads -999 as missing before and after the switch to numbers', () => {
    const cells = numbers(LEVELS_BEFORE_NUMBERS + 200);
    cells[3] = '-999';
    cells[LEVELS_BEFORE_NUMBERS + 100] = '-999';
    const builder = new ColumnBuilder({ markers: missingMarkerList(['-999']), decimalComma: false, decode });
    for (const cell of cells) builder.add(cell);
    const draft = builder.finish();
    expect(draft.body.kind).toBe('numbers');
    expect(draft.missingByMarker.get('-999')).toBe(2);
    if (draft.body.kind === 'numbers') expect([draft.body.values[3], draft.body.values[LEVELS_BEFORE_NUMBERS + 100]]).toEqual([NaN, NaN]);
  });
});

describe('ColumnBuilder.addByteRun', () => {
  it('gives the same column as add() on the decoded texts, in every storage path', () => {
    const cases: string[][] = [
      [' Private', 'Self-emp', 'Private ', '?', '', 'Zürich', 'Viña del Mar', 'Zürich'],
      numbers(LEVELS_BEFORE_NUMBERS + 500).map((c, i) => (i === 30 ? '?' : i === 4000 ? 'unknown' : c)),
      [...numbers(LEVELS_BEFORE_NUMBERS + 100, (i) => `${i}.0`), ...numbers(300, (i) => `V${i}`)],
      numbers(LEVELS_BEFORE_NUMBERS + 10, (i) => `${i} `),
      numbers(LEVELS_BEFORE_NUMBERS + 10, (i) => `${i}e-2`),
    ];
    for (const cells of cases) expect(buildFromBytes(cells)).toEqual(build(cells));
    const comma = numbers(LEVELS_BEFORE_NUMBERS + 10, (i) => `${i},25`);
    expect(buildFromBytes(comma, true)).toEqual(build(comma, true));
  });
});
